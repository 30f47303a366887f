/**
 * The indicator taxonomy of the Ministry of Finance's project performance
 * rules: which 二级指标 belong under which 一级指标, and the labels real
 * documents use for them.
 *
 * Documents written before 财预〔2021〕101号 file 成本指标 under 产出指标;
 * documents that follow it make 成本指标 a 一级 of its own with 经济/社会/
 * 生态环境成本指标 beneath. Both layouts are part of the taxonomy.
 */

export const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const
export type Level1 = (typeof LEVEL1)[number]

export const LEVEL2_BY_LEVEL1 = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
} as const satisfies Record<Level1, readonly string[]>

export type Level2 = (typeof LEVEL2_BY_LEVEL1)[Level1][number]
export const LEVEL2: readonly Level2[] = [...new Set(Object.values(LEVEL2_BY_LEVEL1).flat())]

/** Labels seen in real documents for a standard name. */
const LEVEL1_ALIASES: Record<string, Level1> = {
  产出: '产出指标',
  效益: '效益指标',
  效果指标: '效益指标',
  满意度: '满意度指标',
  成本: '成本指标',
}

const LEVEL2_ALIASES: Record<string, Level2> = {
  数量: '数量指标',
  质量: '质量指标',
  时效: '时效指标',
  进度指标: '时效指标',
  进度: '时效指标',
  成本: '成本指标',
  经济效益: '经济效益指标',
  社会效益: '社会效益指标',
  生态效益: '生态效益指标',
  环境效益指标: '生态效益指标',
  生态环境效益指标: '生态效益指标',
  可持续影响: '可持续影响指标',
  可持续发展指标: '可持续影响指标',
  满意度指标: '服务对象满意度指标',
  服务对象满意度: '服务对象满意度指标',
  社会公众满意度指标: '服务对象满意度指标',
  社会公众或服务对象满意度指标: '服务对象满意度指标',
  经济成本: '经济成本指标',
  社会成本: '社会成本指标',
  生态环境成本: '生态环境成本指标',
  环境成本指标: '生态环境成本指标',
}

/**
 * A label as written, resolved against the taxonomy. `name` is the standard
 * name, or `''` when the label is not one we know; `label` is the text as
 * written when it differs from `name` (so export can give it back), else null.
 */
export interface ResolvedLabel<Name extends string> {
  name: Name | ''
  label: string | null
}

/** A score written after a label on scored forms: "产出指标(50分)", "成本指标(0-20)分", "效益指标30分". */
export const LABEL_SCORE = /[（(]\s*[\d.]+\s*(?:[-~－—至]\s*[\d.]+)?\s*分?\s*[)）]\s*分?$|(?<=指标)[\d.]+分$/

function resolve<Name extends string>(
  written: string,
  standard: readonly Name[],
  aliases: Record<string, Name>,
): ResolvedLabel<Name> {
  // Spaces, a template's ★ and a score say nothing about which indicator it is.
  const compact = written.replace(/[\s\u3000★☆]/g, '').replace(LABEL_SCORE, '')
  if (compact === '') return { name: '', label: null }
  const name = (standard as readonly string[]).includes(compact) ? (compact as Name) : aliases[compact]
  if (name === undefined) return { name: '', label: written }
  return { name, label: written === name ? null : written }
}

export const resolveLevel1 = (written: string): ResolvedLabel<Level1> =>
  resolve(written, LEVEL1, LEVEL1_ALIASES)

export const resolveLevel2 = (written: string): ResolvedLabel<Level2> =>
  resolve(written, LEVEL2, LEVEL2_ALIASES)

export const isLevel1 = (value: unknown): value is Level1 =>
  (LEVEL1 as readonly unknown[]).includes(value)

export const isLevel2 = (value: unknown): value is Level2 =>
  (LEVEL2 as readonly unknown[]).includes(value)

/** Whether 二级 `level2` may be filed under 一级 `level1`. */
export const belongsTo = (level2: Level2, level1: Level1): boolean =>
  (LEVEL2_BY_LEVEL1[level1] as readonly string[]).includes(level2)
