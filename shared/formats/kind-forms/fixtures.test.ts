import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { DocumentText, IndicatorText } from '../../model/document-text'
import { importFile } from '../registry'

/**
 * 自评表 and 监控表 in their official layouts, written by other producers
 * (python-docx, LibreOffice Writer and Calc: `test/fixtures/formats/kinds/make-fixtures.py`),
 * each read into the kind its form is — never by its file name, which the
 * importer is not given.
 */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/formats/kinds/${name}`, import.meta.url)))

const read = async (bytes: Uint8Array): Promise<DocumentText> => {
  const result = await importFile(bytes)
  if (!result.ok) throw result.error
  return result.value
}

const refusal = async (bytes: Uint8Array) => {
  const result = await importFile(bytes)
  if (result.ok) throw new Error('imported')
  return result.error
}

const row = (level1: string, level2: string, level3: string, value: string, added: Partial<IndicatorText>): IndicatorText => ({ level1, level2, level3, description: '', value, basis: '', ...added })

const evaluation = (actual: string, score: string, earned: string, deviation = '') => ({ actual, score, earned, deviation })

const SELF_EVALUATION_ROWS = [
  row('产出指标(50分)', '数量指标', '服务困难老人人数', '≥800人', evaluation('700人', '20', '17.5', '部分老人入住机构养老，明年扩大宣传、简化申请')),
  row('产出指标(50分)', '数量指标', '建成社区养老服务站', '4个', evaluation('4个', '10', '10')),
  row('产出指标(50分)', '质量指标', '服务质量达标率', '≥95%', evaluation('96%', '10', '10')),
  row('产出指标(50分)', '时效指标', '补助资金按时拨付率', '100%', evaluation('100%', '10', '10')),
  row('效益指标(30分)', '社会效益指标', '老人生活质量', '明显提升', evaluation('达成预期指标', '30', '30')),
  row('满意度指标(10分)', '服务对象满意度指标', '服务对象满意度', '≥90%', evaluation('92%', '10', '10')),
]

const monitoring = (actual: string, forecast: string, likelihood: string, cause = '', measure = '') => ({ actual, forecast, likelihood, cause, measure })

const MONITORING_ROWS = [
  row('产出指标', '数量指标', '服务困难老人人数', '≥800人', monitoring('420人', '760人', '有可能', '经费保障', '加快资金拨付，扩大宣传')),
  row('产出指标', '数量指标', '建成社区养老服务站', '4个', monitoring('2个', '4个', '确定能')),
  row('产出指标', '质量指标', '服务质量达标率', '≥95%', monitoring('96%', '≥95%', '确定能')),
  row('产出指标', '时效指标', '补助资金按时拨付率', '100%', monitoring('45%', '100%', '确定能')),
  row('效益指标', '社会效益指标', '老人生活质量', '明显提升', monitoring('逐步提升', '明显提升', '确定能')),
  row('满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', monitoring('91%', '≥90%', '确定能')),
]

const project = { name: '社区养老服务补助', details: { department: '某某区民政局', implementer: '某某区养老服务中心', manager: '', period: '', periodGoal: '' }, goal: '为辖区800名困难老人提供居家养老服务，建成社区养老服务站4个。' }

describe('a 项目支出绩效自评表 (财预〔2020〕10号) from other producers', () => {
  it.each(['ziping-yanglao-2023.python-docx.docx', 'ziping-yanglao-2023.libreoffice.html'])('%s: every cell in its field, its 其中：当年财政拨款 the 财政资金', async (name) => {
    const text = await read(fixture(name))
    expect(text).toMatchObject({ kind: 'self-evaluation', title: '某某区民政局', subtitle: '2023年社区养老服务补助绩效自评' })
    expect(text.projects).toHaveLength(1)
    // The 预算数 is the 年初预算数 (100, not the 全年 120), and 财政资金 its part in the same column; 上年结转资金 and 其他资金 are empty.
    expect(text.projects[0]).toMatchObject({
      ...project, moneyUnit: '万元', budgetTotal: '100', budgetFiscal: '100', budgetOther: '', total: '96',
      funds: { initial: '100', budget: '120', executed: '102', points: '10', rate: '85%', earned: '8.5' },
      achieved: '为700名困难老人提供居家养老服务，建成社区养老服务站4个。',
    })
    expect(text.projects[0]!.indicators).toEqual(SELF_EVALUATION_ROWS)
    expect(text.unread).toBeUndefined()
  })

  it('in Excel, in 元: the figures as written, the unit from the 项目资金 label; 17.5 stays 17.5 in the General format', async () => {
    const text = await read(fixture('ziping-yanglao-2023-yuan.libreoffice.xlsx'))
    expect(text.kind).toBe('self-evaluation')
    expect(text.projects[0]).toMatchObject({ moneyUnit: '元', budgetTotal: '1000000', budgetFiscal: '1000000', budgetOther: '', funds: { initial: '1000000', budget: '1200000', executed: '1020000', points: '10', rate: '85%', earned: '8.5' } })
    expect(text.projects[0]!.indicators).toEqual(SELF_EVALUATION_ROWS)
    expect(text.unread).toBeUndefined()
  })

  const page = new TextDecoder().decode(fixture('ziping-yanglao-2023.libreoffice.html'))
  /** The page with the figures of the row labelled `label` (its cells after the label, in order) written as `figures`. */
  const withRow = (html: string, label: string, figures: readonly string[]): Uint8Array => {
    const rows = html.match(/<tr[\s\S]*?<\/tr>/g)!.filter((tr) => tr.includes(`>${label}<`))
    expect(rows).toHaveLength(1)
    let i = -1
    const written = rows[0]!.replace(/(<td[^>]*>\s*<p[^>]*>)([\s\S]*?)(<\/p>)/g, (cell, open: string, inner: string, close: string) => {
      i++
      return i === 0 || i > figures.length ? cell : `${open}${figures[i - 1]}${close}`
    })
    return new TextEncoder().encode(html.replace(rows[0]!, written))
  }
  const decoded = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

  it('a 上年结转资金 of 10 has no cell: the 财政拨款 90 is read, the 10 named as not imported, never dropped in silence', async () => {
    const carried = withRow(decoded(withRow(page, '其中：当年财政拨款', ['100', '120', '102'].map((f) => String(Number(f) - 10)))), '上年结转资金', ['10', '10', '10'])
    const text = await read(carried)
    expect(text.projects[0]).toMatchObject({ budgetTotal: '100', budgetFiscal: '90', budgetOther: '', funds: { initial: '100', budget: '120', executed: '102' } })
    expect(text.unread).toEqual(['上年结转资金“10 10 10”未导入：预算数只分财政资金和其他资金，请按原表核对'])
    // Written 0 (or a dash), it is nothing to say.
    expect((await read(withRow(page, '上年结转资金', ['0', '—', '0']))).unread).toBeUndefined()
  })

  it('a 财政拨款 figure that is no amount is named, not guessed; the rest imports', async () => {
    const text = await read(withRow(page, '其中：当年财政拨款', ['一百', '120', '102']))
    expect(text.projects[0]).toMatchObject({ budgetTotal: '100', budgetFiscal: '', indicators: SELF_EVALUATION_ROWS })
    expect(text.unread).toEqual(['其中：当年财政拨款的“年初预算数”应是数字，实际是“一百”，未导入，请按原表填写'])
  })
})

describe('a 项目支出绩效目标执行监控表 from other producers', () => {
  it.each(['jiankong-yanglao-2023.python-docx.docx', 'jiankong-yanglao-2023.libreoffice.html', 'jiankong-yanglao-2023.libreoffice.xlsx', 'jiankong-yanglao-2023.libreoffice.txt'])(
    '%s: read by its header names (偏差原因 before 完成目标可能性, hints in brackets), the period from the headers',
    async (name) => {
      const text = await read(fixture(name))
      expect(text).toMatchObject({ kind: 'monitoring', asOf: '1-6月', title: '某某区民政局', subtitle: '2023年社区养老服务补助绩效运行监控' })
      expect(text.projects[0]).toMatchObject({
        ...project, moneyUnit: '万元', budgetTotal: '100', budgetFiscal: '100', budgetOther: '',
        funds: { initial: '100', budget: '120', executed: '54', rate: '45%', points: '', earned: '' }, achieved: '截至6月底已为420名困难老人提供服务，建成服务站2个。',
      })
      expect(text.projects[0]!.indicators).toEqual(MONITORING_ROWS)
      expect(text.unread).toBeUndefined()
    },
  )

  const tabbed = readFileSync(new URL('../../../test/fixtures/formats/kinds/jiankong-yanglao-2023.libreoffice.txt', import.meta.url), 'utf8')
  const FISCAL_ROW = '\t\t其中：当年财政拨款\t100\t\t120\t\t54\t\t45%'
  const OTHER_ROW = '\t\t其他资金\t\t\t\t\t\t\t'

  it('its 其他资金 row read into 其他资金, beside the 财政拨款', async () => {
    expect(tabbed).toContain(`${FISCAL_ROW}\n${OTHER_ROW}\n`)
    const split = tabbed.replace(FISCAL_ROW, '\t\t其中：当年财政拨款\t80\t\t100\t\t44\t\t44%').replace(OTHER_ROW, '\t\t其他资金\t20\t\t20\t\t10\t\t50%')
    const text = await read(new TextEncoder().encode(split))
    expect(text.projects[0]).toMatchObject({ budgetTotal: '100', budgetFiscal: '80', budgetOther: '20' })
    expect(text.unread).toBeUndefined()
  })

  it('a 上年结转资金 row, and a 其中 row of another name, are named as not imported', async () => {
    const rows = '\t\t其中：当年财政拨款\t70\t\t90\t\t40\t\t44%\n\t\t上年结转资金\t\t\t5\t\t2\t\t40%\n\t\t其中：上级补助资金\t30\t\t25\t\t12\t\t48%'
    const text = await read(new TextEncoder().encode(tabbed.replace(FISCAL_ROW, rows)))
    expect(text.projects[0]).toMatchObject({ budgetTotal: '100', budgetFiscal: '70', budgetOther: '', indicators: MONITORING_ROWS })
    expect(text.unread).toEqual([
      '上年结转资金“5 2”未导入：预算数只分财政资金和其他资金，请按原表核对',
      '其中：上级补助资金“30 25 12”未导入：预算数只分财政资金和其他资金，请按原表核对',
    ])
  })

  it('its text cut at any line inside the form is refused where it stops, never imported shortened', async () => {
    const lines = readFileSync(new URL('../../../test/fixtures/formats/kinds/jiankong-yanglao-2023.libreoffice.txt', import.meta.url), 'utf8').split('\n')
    const header = lines.findIndex((l) => l.includes('一级指标'))
    for (let end = 3; end < lines.length - 1; end++) {
      const error = await refusal(new TextEncoder().encode(lines.slice(0, end).join('\n')))
      expect(error.code, `cut after line ${end}`).toMatch(end > header ? /incomplete-table/ : /incomplete-table|missing-section/)
      expect(error.line, `cut after line ${end}`).not.toBeNull()
      if (end > header + 1) expect(error.message).toMatch(/^第 \d+ 行：.*文件可能不完整$/)
    }
    // Cut inside a row (its last cells gone): refused naming the row.
    const cut = lines.slice(0, header + 1).join('\n') + '\n' + lines[header + 1]!.split('\t').slice(0, 5).join('\t')
    expect((await refusal(new TextEncoder().encode(cut))).message).toMatch(new RegExp(`^第 ${header + 2} 行：项目支出绩效目标执行监控表在“≥800人”处中断：这一行不足 6 个单元格`))
  })
})

describe('malformed forms are refused naming the place', () => {
  const html = new TextDecoder().decode(fixture('jiankong-yanglao-2023.libreoffice.html'))
  /** The page with the first or last `from` changed to `to`. */
  const page = (from: string, to: string, last = false) => {
    const at = last ? html.lastIndexOf(from) : html.indexOf(from)
    expect(at).toBeGreaterThan(0)
    return new TextEncoder().encode(html.slice(0, at) + to + html.slice(at + from.length))
  }

  it('a 完成目标可能性 outside its list', async () => {
    expect((await refusal(page('>有可能<', '>大概能<', true))).message).toMatch(/^网页文件 表 1 › 第 \d+ 行：指标“服务困难老人人数”的“完成目标可能性”只能填“确定能”、“有可能”、“完全不可能”，实际是“大概能”$/)
  })

  it('a figure shifted into the wrong column', async () => {
    expect((await refusal(page('>54<', '>五十四万<'))).message).toMatch(/^网页文件 表 1 › 第 \d+ 行：“年度资金总额”一行的“1-6月执行数”应是数字，实际是“五十四万”/)
  })

  it('a 得分 that is no number, in a 自评表', async () => {
    const form = new TextDecoder().decode(fixture('ziping-yanglao-2023.libreoffice.html'))
    const bytes = new TextEncoder().encode(form.replace('>17.5<', '>较好<'))
    expect((await refusal(bytes)).message).toMatch(/^网页文件 表 1 › 第 \d+ 行：指标“服务困难老人人数”的“得分”应是数字，实际是“较好”/)
  })
})
