/**
 * A field's label as the form on screen prints it in its cell: in a 监控
 * or 自评, as that kind's form names it (a 监控's 执行数 is the 截至当期执行数),
 * else as the form of targets does. The editor's label cells and the
 * messages that point at a cell say the same.
 */
import { T } from './zh-CN'

export const fieldLabelIn = (name: string, kind: string | undefined): string => String((kind && T.kindFieldLabel[kind]?.[name]) ?? T.fieldLabel[name] ?? '')
