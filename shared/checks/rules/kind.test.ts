import { describe, expect, it } from 'vitest'
import { projectInput, withIndicator } from '../../../test/support/check-fixtures'
import { kind } from './kind'
import { processMeasures } from './process-measures'

const EFFECT = 4
const effect = (change: object, project = {}) => kind.check(projectInput({ ...project, indicators: withIndicator(EFFECT, change) }))

describe('kind by content', () => {
  it('moves a 满意度 filed as an effect to 满意度指标', () => {
    const [finding] = effect({ level3: '市民对空气质量改善的满意程度', value: '≥85%' })
    expect(finding).toMatchObject({ rule: 'misfiled.kind', severity: 'warning', indicator: 5, field: 'level2' })
    expect(finding!.message).toContain('应移到满意度指标')
  })

  it('moves a deadline filed as an effect to 时效', () => {
    expect(effect({ level3: '培训完成及时性', value: '2023年12月底前' })[0]!.message).toContain('应移到产出指标的时效指标')
  })

  it('moves a completion rate filed as an effect (项目完成率 as 经济效益) to 产出', () => {
    const [finding] = effect({ level2: '经济效益指标', level3: '项目完成率', value: '100%' })
    expect(finding!.message).toContain('属于产出，却填在经济效益指标下')
  })

  it('wants an 经济效益 to name a gain, or the row to be a social effect', () => {
    const [finding] = effect({ level2: '经济效益指标', level3: '社会治安稳定', description: '维护社会稳定', value: '全年无重大案件' })
    expect(finding!.message).toContain('应改为社会效益指标')
    expect(effect({ level2: '经济效益指标', level3: '年增粮食', value: '3500公斤' })).toEqual([])
    expect(effect({ level2: '经济效益指标', level3: '带动农户增收', value: '≥500元/户' })).toEqual([])
  })

  it('finds an effect that restates an output', () => {
    const [finding] = effect({ level3: '培训场次', description: '全年组织培训的场次', value: '≥4次' })
    expect(finding).toMatchObject({ field: 'level3' })
    expect(finding!.message).toContain('与第 1 行产出指标“培训场次”相同')
  })

  it('leaves real effects, and process measures (their own rule), alone', () => {
    expect(kind.check(projectInput())).toEqual([])
    expect(effect({ level3: '群众安全感', description: '群众安全感调查结果', value: '≥90%' })).toEqual([])
    expect(effect({ level2: '经济效益指标', level3: '资金使用效益', description: '资金支出情况', value: '按要求支出' })).toEqual([])
  })
})

describe('a process measure under 成本', () => {
  it('is reported apart from the outputs, with the cost advice', () => {
    const findings = processMeasures.check(projectInput({ indicators: withIndicator(3, { level3: '资金支付及时率', description: '资金支付及时率', value: '≥90%' }) }))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ indicator: 4 })
    expect(findings[0]!.message).toContain('不是成本：成本指标应反映成本控制（如“≤10万元”')
  })
})
