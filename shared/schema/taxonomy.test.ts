import { describe, expect, it } from 'vitest'
import { belongsTo, LEVEL2, resolveLevel1, resolveLevel2 } from './taxonomy'

describe('taxonomy', () => {
  it('keeps standard names as they are, with no label', () => {
    expect(resolveLevel2('数量指标')).toEqual({ name: '数量指标', label: null })
    expect(resolveLevel1('产出指标')).toEqual({ name: '产出指标', label: null })
  })

  it('normalises aliases and keeps the label as written', () => {
    expect(resolveLevel2('进度指标')).toEqual({ name: '时效指标', label: '进度指标' })
    expect(resolveLevel2('环境效益指标')).toEqual({ name: '生态效益指标', label: '环境效益指标' })
    expect(resolveLevel2('满意度指标')).toEqual({ name: '服务对象满意度指标', label: '满意度指标' })
    expect(resolveLevel2('数量 指标')).toEqual({ name: '数量指标', label: '数量 指标' })
  })

  it('gives no name for labels outside the taxonomy, keeping the text', () => {
    expect(resolveLevel2('其他指标')).toEqual({ name: '', label: '其他指标' })
    expect(resolveLevel2('')).toEqual({ name: '', label: null })
  })

  it('knows which 二级 go under which 一级, in both the old and the 101号 layout', () => {
    expect(belongsTo('成本指标', '产出指标')).toBe(true)
    expect(belongsTo('经济成本指标', '成本指标')).toBe(true)
    expect(belongsTo('社会效益指标', '产出指标')).toBe(false)
    expect(new Set(LEVEL2).size).toBe(LEVEL2.length)
  })
})
