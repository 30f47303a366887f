import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importFile } from '../registry'
import { ImportError } from '../import-error'
import { selfEvaluationModel } from '../../self-evaluation/self-evaluation-model'
import { runSelfEvaluationChecks } from '../../checks/run-self-evaluation-checks'
import { readSelfEvaluation } from './read-self-evaluation'

const regional = (name: string) => readFileSync(new URL(`../../../test/fixtures/formats/regional/${name}`, import.meta.url), 'utf8')
const SICHUAN = regional('sichuan-zhongjiang-shuibiaochi-zipingbiao-2022.txt')
const ANHUI = regional('anhui-chizhou-tangxi-weituoyewu-zipingbiao-2022.txt')

const GOALS_RUN_TOGETHER = '年度总体目标下只读到一段连在一起的文字，分不出预期目标和实际完成情况：已全部作为预期目标导入，请核对，并填写“实际完成情况”'
const refusal = (text: string): ImportError => {
  try {
    readSelfEvaluation(text)
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('imported')
}

describe('a real 自评表 with its cells run together (Zhongjiang 水标尺, 2022)', () => {
  it('reads into the self-evaluation model: the targets’ keys kept, funds, actuals, 得分 and 总分 added; its 分值 pass 100, so no grade', async () => {
    const result = await importFile(new TextEncoder().encode(SICHUAN))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const model = selfEvaluationModel(result.value)
    expect(model).toMatchObject({ kind: 'self-evaluation', year: 2022 })
    const [project] = model.projects
    expect(project).toMatchObject({
      name: '中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装',
      details: { department: '中江县水利局', implementer: '中江县水利局' },
      funds: { budget: 20, executed: 20, rate: 100, points: 10, earned: 10 },
      earned: 110,
      // 70 + 20 + 10 and the 执行率's 10: a 110-point 优 would read as a result.
      grade: null,
      ungraded: 110,
    })
    expect(project!.indicators.map((i) => [i.level1, i.level2, i.level3, i.value, i.score, i.actual, i.earned])).toEqual([
      ['产出指标', '数量指标', '安装坡面水标尺', '≥266米', 10, '≥266米', 10],
      ['产出指标', '数量指标', '水标尺宽度', '≥50厘米', 10, '≥50厘米', 10],
      ['产出指标', '质量指标', '项目(工程)验收合格率', '100%', 20, '100%', 20],
      ['产出指标', '时效指标', '及时(按期)开工率', '≥90%', 10, '≥90%', 10],
      ['产出指标', '时效指标', '及时(按期)完工率', '≥90%', 10, '≥90%', 10],
      ['产出指标', '成本指标', '项目计划总投资', '20万元', 10, '20万元', 10],
      ['效益指标', '社会效益指标', '受益脱贫(含监测对象)户人口数', '≥1000人', 10, '≥1000人', 10],
      ['效益指标', '社会效益指标', '群众生产生活条件改善状况', '显著提升', 10, '显著提升', 10],
      ['满意度指标', '服务对象满意度指标', '受益脱贫(含监测对象)户满意度', '≥95%', 10, '≥95%', 10],
    ])
  })

  it('its 其中：本年财政拨款 “2020” run together reads as 20 and 20, the one split under 年度资金总额’s 20 and 20: 财政资金 20', async () => {
    const text = readSelfEvaluation(SICHUAN)
    expect(text.projects[0]).toMatchObject({ budgetTotal: '20', budgetFiscal: '20', budgetOther: '' })
    // What it does not read is its 预期目标 and 实际完成情况, written on without a break: kept whole as the 预期目标, and said.
    expect(text.unread).toEqual([GOALS_RUN_TOGETHER])
    const result = await importFile(new TextEncoder().encode(SICHUAN))
    expect(result.ok && selfEvaluationModel(result.value).projects[0]!.budget).toEqual({ total: 20, fiscal: 20, other: null })
  })

  it('run-together figures that split more than one way (or none) are not guessed: the rest imports, and the row is named as not read', () => {
    // 1|111, 11|11 and 111|1 all fit under 200 and 200.
    const several = readSelfEvaluation(SICHUAN.replace('202010100.00%10其中:本年财政拨款2020', '20020010100.00%10其中:本年财政拨款1111'))
    expect(several.projects[0]).toMatchObject({ budgetTotal: '200', budgetFiscal: '', funds: { budget: '200', executed: '200' } })
    expect(several.unread).toEqual(['其中：本年财政拨款“1111”无法分成全年预算数和全年执行数，未导入，请按原表填写', GOALS_RUN_TOGETHER])
    // 2|020 has a leading zero, 20|20 and 202|0 exceed 20 and 18.
    const none = readSelfEvaluation(SICHUAN.replace('202010100.00%10其中:本年财政拨款2020', '20181090.00%9其中:本年财政拨款2020'))
    expect(none.projects[0]!.budgetFiscal).toBe('')
    expect(none.unread).toEqual(['其中：本年财政拨款“2020”无法分成全年预算数和全年执行数，未导入，请按原表填写', GOALS_RUN_TOGETHER])
    expect(none.projects[0]!.indicators).toHaveLength(9)
  })

  it('its checks: the written 总分 100 is not the 110 its 70/20/10 indicators and 执行率 add up to, which pass 100 themselves; 实际完成情况 ran into the goal', () => {
    const findings = runSelfEvaluationChecks(readSelfEvaluation(SICHUAN))
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['self-evaluation.achieved', 'error'], ['self-evaluation.total', 'error'], ['self-evaluation.excess-points', 'error']])
    expect(findings[1]!.message).toMatch(/总分填写为 100 分.*合计为 110 分/)
    expect(findings[2]!.message).toMatch(/分值合计 110 分（指标 100 分、预算执行率 10 分），超过 100 分/)
  })

  it('cut anywhere inside its table, it is refused, never shortened', () => {
    const table = SICHUAN.indexOf('产出指标(70分)')
    const end = SICHUAN.indexOf('……总分')
    let refused = 0
    for (let at = table + 1; at < end; at++) {
      const error = refusal(SICHUAN.slice(0, at))
      expect(error.line, SICHUAN.slice(at - 10, at)).toBe(2)
      expect(error.code).toMatch(/incomplete-table|malformed-row/)
      refused++
    }
    expect(refused).toBeGreaterThan(100)
  })

  it('a row whose target and actual differ cannot be told apart when run together: refused with its line', () => {
    const error = refusal(SICHUAN.replace('安装坡面水标尺10≥266米≥266米10', '安装坡面水标尺10≥266米250米9'))
    expect(error.code).toBe('malformed-row')
    expect(error.message).toMatch(/^第 2 行：无法把“安装坡面水标尺.*单元格连在一起/)
  })
})

describe('a real 自评表 cut off (Chizhou 委托业务, 2022)', () => {
  it('is refused where it stops', async () => {
    const result = await importFile(new TextEncoder().encode(ANHUI))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toBe('第 2 行：自评表在“公众满”处中断：这一行不足 5 个单元格，文件可能不完整')
  })

  it('whole up to its cut rows, its cells separated by spaces read cell for cell', () => {
    const whole = ANHUI.slice(0, ANHUI.indexOf(' 经济效益指标 满意度指标')) + ' 总分 100 100'
    const text = readSelfEvaluation(whole)
    const model = selfEvaluationModel(text).projects[0]!
    expect(model.funds).toEqual({ initial: 0, budget: 0, executed: 0, rate: null, points: 10, earned: null })
    // Its 其中：本年财政拨款 row, cell for cell under 年初预算数, 全年预算数, 全年执行数: 预算数 and 财政资金 are the
    // 年初预算数 column's, as the reader of the same form laid out in Word, HTML or Excel takes them.
    expect([text.projects[0]!.budgetTotal, text.projects[0]!.budgetFiscal, text.unread]).toEqual(['0', '90', undefined])
    expect(model.indicators.map((i) => [i.level3, i.value, i.actual, i.score, i.earned])).toEqual([
      ['基建工程委托业务项目数量', '≥50个', '50', 8, 8],
      ['委托业务报告合格率', '≥100百分比', '100', 8, 8],
      ['经费支出合规性', '严格执行相关制度规定', '达成预期指标', 8, 8],
      ['提交报告及时性', '在项目计划完成时间内完成', '达成预期指标', 8, 8],
      ['项目总成本', '≤90万元', '90', 8, 8],
      ['单项业务成本', '符合相关规定', '达成预期指标', 10, 10],
      ['对维护基建市场公平的影响程度', '效果明显', '达成预期指标', 10, 10],
      ['对控制基建项目成本影响程度', '效果明显', '达成预期指标', 10, 10],
      ['对推动基建项目“四项制度”健全和落实的持续性影响', '效果明显', '达成预期指标', 10, 10],
    ])
    expect(model.goal).toMatch(/^本项目共申请预算资金90万元/)
    expect(model.achieved).toMatch(/^本项目共完成预算资金89.97万元/)
  })
})

describe('a 自评表 in tabs, with a shortfall and its reason', () => {
  const rows = [
    ['项目支出绩效自评表（2023年度）'],
    ['项目名称', '社区养老服务补助'],
    ['主管部门', '某某区民政局', '实施单位', '某某区养老服务中心'],
    ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['年度资金总额：', '100', '100', '85', '10', '85%', '8.5'],
    ['年度总体目标', '预期目标', '实际完成情况'],
    ['', '服务老人 800 人', '服务老人 700 人'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['', '产出指标(50分)', '数量指标', '服务老人人数', '≥800人', '700人', '50', '43.75', '入住率低于预期，明年扩大宣传'],
    ['', '效益指标(30分)', '社会效益指标', '老人生活质量', '明显提升', '达成预期指标', '30', '30'],
    ['', '满意度指标(10分)', '服务对象满意度指标', '服务对象满意度', '≥90%', '92%', '10', '10'],
    ['总分', '', '', '', '', '', '100', '92.25'],
  ]
  const text = rows.map((r) => r.join('\t')).join('\n')

  it('reads each cell, the 偏差原因 included, and derives 执行率, 总分 and grade', () => {
    const model = selfEvaluationModel(readSelfEvaluation(text)).projects[0]!
    expect(model.funds).toEqual({ initial: 100, budget: 100, executed: 85, rate: 85, points: 10, earned: 8.5 })
    expect(model.indicators.map((i) => [i.actual, i.earned, i.deviation])).toEqual([
      ['700人', 43.75, '入住率低于预期，明年扩大宣传'],
      ['达成预期指标', 30, ''],
      ['92%', 10, ''],
    ])
    expect([model.earned, model.grade, model.achieved]).toEqual([92.25, '优', '服务老人 700 人'])
    expect(runSelfEvaluationChecks(readSelfEvaluation(text))).toEqual([])
  })

  it('with no 总分 row nor anything after the last row, it was cut: refused', () => {
    expect(refusal(rows.slice(0, -1).map((r) => r.join('\t')).join('\n')).code).toBe('incomplete-table')
  })
})

describe('one 自评表 as a web page and as its text copied off the page', () => {
  const html = readFileSync(new URL('../../../test/fixtures/formats/kinds/ziping-yanglao-2023.libreoffice.html', import.meta.url), 'utf8')
  // The page's text, every cell's text followed by a space (its 年初预算数 100 and 全年预算数 120 differ; a 当年财政拨款 row
  // written across every column, dashes and all; 上年结转资金 and 其他资金 left as dashes).
  const copied = html.slice(html.indexOf('<body')).replace(/<\/(td|th|p)>/g, ' ').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ')
  const read = async (text: string) => {
    const result = await importFile(new TextEncoder().encode(text))
    if (!result.ok) throw result.error
    return result.value
  }

  it('reads the same 预算数, 财政资金 and figures either way, nothing left unread', async () => {
    const [page, text] = [await read(html), await read(copied)]
    const figures = (doc: typeof page) => {
      const { budgetTotal, budgetFiscal, budgetOther, funds, indicators } = doc.projects[0]!
      return { budgetTotal, budgetFiscal, budgetOther, funds, indicators, unread: doc.unread }
    }
    expect(figures(page)).toMatchObject({ budgetTotal: '100', budgetFiscal: '100', funds: { initial: '100', budget: '120' }, unread: undefined })
    expect(figures(text)).toEqual(figures(page))
  })

  it('says the same of a 上年结转资金 with figures, which no cell takes, written under the amounts and dashes after', async () => {
    // Its three empty cells (年初预算数, 全年预算数, 全年执行数) written in.
    const row = html.slice(html.indexOf('上年结转资金'))
    const filled = row.replace('<br/>', '20').replace('<br/>', '20').replace('<br/>', '20')
    const carried = html.slice(0, html.indexOf('上年结转资金')) + filled
    const text = carried.slice(carried.indexOf('<body')).replace(/<\/(td|th|p)>/g, ' ').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('上年结转资金 20 20 20 — —')
    const said = ['上年结转资金“20 20 20”未导入：预算数只分财政资金和其他资金，请按原表核对']
    expect([(await read(carried)).unread, (await read(text)).unread]).toEqual([said, said])
  })
})
