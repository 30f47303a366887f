/**
 * The one entry of `meta` a person writes: a 绩效运行监控's 截至月份
 * (`META_KEY.asOf`), which decides the 资金支出计划 node its 执行率 is read
 * against. Everything else in `meta` (the kind, the status, the links) is
 * the server's. An editor changes it while the workflow lets them edit
 * directly, like a cell; a reviewer comments, a viewer reads (the update
 * policy decides who; this decides what).
 */
import * as Y from 'yjs'
import { documentKindOf, META_KEY } from '../model/y-document'
import { monthOf } from '../monitoring/plan-month'

/** Longer than any way of writing a month ("2026年1-6月", "第二季度"): a sign of misuse, not of a month. */
export const MAX_AS_OF_LENGTH = 20

/** Whether `value` reads as a 截至月份: a month (1–12) can be found in it. */
export const isAsOf = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_AS_OF_LENGTH && monthOf(value) !== null

/**
 * Why a change of `meta` (its events on the trial replica) is not a
 * person's to make, or null when it only sets a 监控's 截至月份 to a month.
 */
export function asOfChangeRefusal(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], replica: Y.Doc): string | null {
  for (const event of events) {
    if (!(event.target instanceof Y.Map) || event.path.length > 0) return '文档信息只能由服务器修改'
    for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
      if (key !== META_KEY.asOf) return '文档信息和流程状态只能由服务器修改'
    }
  }
  if (documentKindOf(replica) !== 'monitoring') return '只有运行监控有截至月份'
  const asOf = (events[0]?.target as Y.Map<unknown> | undefined)?.get(META_KEY.asOf)
  return isAsOf(asOf) ? null : `截至月份应写作某月（如“6月”），长度不超过 ${MAX_AS_OF_LENGTH} 个字`
}
