import { describe, expect, it } from 'vitest'
import { sampleText } from '../../../support/sample'
import type { DocumentText } from '../../model/document-text'
import { ImportError } from '../import-error'
import { importPublishedText, parsePublishedText } from './import'

const sample = (): DocumentText => parsePublishedText(sampleText())

/** The sample's tables as printed: code, name, 预算数, 财政资金 (其他资金 is blank in every table). */
const SAMPLE_PROJECTS = [
  ['13030322P00404010001D', '扫黑除恶工作经费', '10.00'],
  ['13030322P00404910001G', '政法队伍教育整顿工作经费', '3.00'],
  ['13030322P00428110001F', '车辆保险费', '0.40'],
  ['13030322P00404510001R', '见义勇为经费', '1.00'],
  ['13030322P00405110001A', '辽冀乡、村级公路治安查控点工作经费', '24.00'],
  ['13030322P00397510004D', '人事代理专项补助', '11.00'],
  ['13030322P00403810001K', '社会治理工作经费', '20.00'],
  ['13030322P00404310001E', '司法救助经费', '1.00'],
  ['13030322P004039100019', '铁路护路联防工作经费', '13.00'],
  ['13030322P004047100015', '严重精神障碍患者监护人责任险', '8.00'],
  ['13030322P00404810001T', '政治安全工作经费', '25.00'],
] as const

/**
 * The indicator rows read straight off the file by a second, naive method:
 * after each header line, six tab lines make a row.
 */
function indicatorRowsInFile(text: string): string[][][] {
  const lines = text.split('\n')
  const tables: string[][][] = []
  lines.forEach((line, i) => {
    if (line !== '\t一级指标') return
    const rows: string[][] = []
    let j = i + 7
    while (j < lines.length && lines[j]!.startsWith('\t')) {
      rows.push(lines.slice(j, j + 6).map((l) => l.slice(1).trim()))
      j += 7
    }
    tables.push(rows)
  })
  return tables
}

describe('published text import: the sample', () => {
  it('reads the title block', () => {
    const doc = sample()
    expect([doc.title, doc.subtitle, doc.preparedBy, doc.reviewedBy]).toEqual([
      '政法委部门',
      '2022年部门预算绩效文本',
      '政法委部门编制',
      '山海关区财政局审核',
    ])
  })

  it('reads Part 1 and rejoins paragraphs the page layout broke', () => {
    const doc = sample()
    expect(doc.goals).toHaveLength(8)
    expect(doc.goals[6]).toBe('七是推动各种形式的法学研究和学术交流活动。加强法治宣传教育工作，组织会员向社会提供法律服务，举办学术报告会、座谈会等。')
    expect(doc.goals[7]).toBe('八是统筹协调指导社会稳定工作，分析研判社会稳定形势，组织开展社会稳定风险防控、危险管控。运用大数据和智能化做好重点人员实时监测、重点群体跟踪关注、重大风险预测预警工作。')
    expect(doc.subGoals.map((g) => g.title)).toEqual([
      '（一）社会治安和综合治理', '（二）见义勇为工作', '（三）政治安全工作', '（四）铁路护路联防工作',
      '（五）政法事务管理', '（六）司法救助', '（七）严重精神障碍患者服务管理', '（八）维护稳定',
    ])
    expect(doc.subGoals[2]!.target).toBe('开展“反对邪教、崇尚科学”宣传活动，完成年度工作任务。打造国家安全主题公园，培养人民群众自觉维护国家安全的主人翁意识。')
    // Ends in a comma in the original, yet the next paragraph starts a new item.
    expect(doc.subGoals[6]!.target.endsWith('事件发生，')).toBe(true)
    expect(doc.subGoals.every((g) => g.duty !== '' && g.target !== '')).toBe(true)
    expect(doc.safeguards).toHaveLength(4)
    expect(doc.safeguards[0]).toMatch(/^（一）坚持党对政法工作.*强化对全区政法各部门工作上的指导、支持和督促作用，实现党管政法的工作目标。$/)
    expect(doc.safeguards[1]).toMatch(/^（二）把维护政治安全/)
  })

  it('reads every table: unit, code, name and budget', () => {
    const doc = sample()
    expect(doc.projects.map((p) => [p.code, p.name, p.budgetTotal])).toEqual(SAMPLE_PROJECTS)
    for (const project of doc.projects) {
      expect(project.budgetFiscal).toBe(project.budgetTotal)
      expect(project.budgetOther).toBe('')
      expect([project.unitCode, project.unitName, project.moneyUnit]).toEqual(['216001', '政法委部门区委政法委员会本级', '万元'])
      expect(project.usage).not.toBe('')
      expect(project.goal).not.toBe('')
    }
    expect(doc.projects[0]!.usage).toBe('开展扫黑除恶工作,保障日常工作正常运转。')
  })

  it('reads every spending plan', () => {
    for (const project of sample().projects) {
      expect(project.spendingPlan).toEqual([
        { label: '3月底', percent: '25%' },
        { label: '6月底', percent: '50%' },
        { label: '10月底', percent: '75%' },
        { label: '12月底', percent: '100%' },
      ])
    }
  })

  it('reads all 55 indicator rows, carrying 一级 down over merged cells', () => {
    const doc = sample()
    const inFile = indicatorRowsInFile(sampleText())
    expect(inFile).toHaveLength(11)
    expect(doc.projects.flatMap((p) => p.indicators)).toHaveLength(55)
    doc.projects.forEach((project, p) => {
      let level1 = ''
      expect(project.indicators).toEqual(
        inFile[p]!.map(([l1, l2, l3, description, value, basis]) => {
          level1 = l1 || level1
          return { level1, level2: l2, level3: l3, description, value, basis }
        }),
      )
    })
    expect(doc.projects.map((p) => p.indicators.map((i) => i.level1).join(''))).toEqual(
      Array(11).fill('产出指标产出指标产出指标产出指标效益指标'),
    )
    expect(doc.projects[8]!.indicators[2]!.value).toBe('≥90')
    expect(doc.projects[4]!.indicators[4]!.level2).toBe('可持续影响指标')
  })
})

/** The sample with `edit` applied to its text. */
const variant = (edit: (text: string) => string) => parsePublishedText(edit(sampleText()))

describe('published text import: variations real files have', () => {
  it('CRLF, CR, a BOM and full-width or trailing spaces change nothing', () => {
    const expected = sample()
    expect(variant((t) => t.replace(/\n/g, '\r\n'))).toEqual(expected)
    expect(variant((t) => t.replace(/\n/g, '\r'))).toEqual(expected)
    expect(variant((t) => `\ufeff${t}`)).toEqual(expected)
    expect(variant((t) => t.replace(/\n/g, '  \n').replace(/\t/g, '\t\u3000'))).toEqual(expected)
  })

  it('extra blank lines change nothing', () => {
    expect(variant((t) => t.replace(/\n\n/g, '\n\n\n\n'))).toEqual(sample())
  })

  it('reads GB18030 files', () => {
    const result = importPublishedText(encodeGb18030Sample())
    expect(result.ok && result.value).toEqual(sample())
  })

  it('a missing 其他资金 value reads as empty, a present one is kept', () => {
    const missing = variant((t) => t.replace('\t其他资金\n\t \n', '\t其他资金\n'))
    expect(missing.projects[0]!.budgetOther).toBe('')
    expect(missing.projects[0]!.usage).toBe('开展扫黑除恶工作,保障日常工作正常运转。')
    const present = variant((t) => t.replace('\t其他资金\n\t \n', '\t其他资金\n\t2.50\n'))
    expect(present.projects[0]!.budgetOther).toBe('2.50')
  })

  it('a table with 满意度 rows and more or fewer indicator rows', () => {
    const satisfaction = '\t满意度指标\n\t服务对象满意度指标\n\t群众满意度\n\t群众满意度\n\t≥90%\n\t问卷调查\n\n'
    const more = variant((t) => t.replace('\t社会稳定水平\n\t≥90%\n\t年度工作计划\n\n', `\t社会稳定水平\n\t≥90%\n\t年度工作计划\n\n${satisfaction}`))
    expect(more.projects[0]!.indicators).toHaveLength(6)
    expect(more.projects[0]!.indicators[5]).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标', basis: '问卷调查' })
    const fewer = variant((t) => t.replace('\t\n\t质量指标\n\t资金到位率\n\t资金到位率\n\t≥90%\n\t年度工作计划\n\n', ''))
    expect(fewer.projects[0]!.indicators).toHaveLength(4)
  })

  it('spending-plan dates other than 3/6/10/12月底', () => {
    const doc = variant((t) =>
      t.replace('\t资金支出计划（%）\n\t3月底\n\t6月底\n\t10月底\n\t12月底\n\n\t\n\t25%\n\t50%\n\t75%\n\t100%\n', '\t资金支出计划（%）\n\t6月30日\n\t12月31日\n\n\t\n\t40%\n\t100%\n'),
    )
    expect(doc.projects[0]!.spendingPlan).toEqual([
      { label: '6月30日', percent: '40%' },
      { label: '12月31日', percent: '100%' },
    ])
  })

  it('several units in one document', () => {
    const doc = variant((t) => t.replace('11.政治安全工作经费绩效目标表\n\t216001政法委部门区委政法委员会本级', '11.政治安全工作经费绩效目标表\n\t216002政法委部门综治中心'))
    expect(doc.projects[10]).toMatchObject({ unitCode: '216002', unitName: '政法委部门综治中心' })
    expect(doc.projects[9]!.unitCode).toBe('216001')
  })

  it('merged 二级 cells carry down within their 一级', () => {
    const doc = variant((t) => t.replace('\t\n\t质量指标\n\t资金到位率', '\t\n\t\n\t资金到位率'))
    expect(doc.projects[0]!.indicators[1]).toMatchObject({ level1: '产出指标', level2: '数量指标' })
  })
})

function encodeGb18030Sample(): Uint8Array {
  // Node has no GB18030 encoder; the sample's characters are all in GBK, so
  // build the bytes from a decoder's table: every GBK code point, looked up once.
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('gb18030')
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = decoder.decode(new Uint8Array([hi, lo]))
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
    }
  }
  const bytes: number[] = []
  for (const ch of sampleText()) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) bytes.push(code)
    else bytes.push(...(table.get(ch) ?? [0x3f]))
  }
  return new Uint8Array(bytes)
}

describe('published text import: bad input', () => {
  const failure = (bytes: Uint8Array) => {
    const result = importPublishedText(bytes)
    if (result.ok) throw new Error('expected an import error')
    return result.error
  }
  const text = (s: string) => new TextEncoder().encode(s)

  it('an empty file, or one of blank lines', () => {
    expect(failure(new Uint8Array())).toMatchObject({ code: 'empty', line: null })
    expect(failure(text('\n  \n\u3000\n'))).toMatchObject({ code: 'empty' })
  })

  it('a binary file, and a .docx', () => {
    expect(failure(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))).toMatchObject({ code: 'binary' })
    expect(failure(new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x80]))).toMatchObject({ code: 'binary' })
    expect(failure(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({ code: 'unsupported-format' })
  })

  it('text that is not a 绩效文本', () => {
    const error = failure(text('会议纪要\n今天开会。\n'))
    expect(error).toBeInstanceOf(ImportError)
    expect(error.code).toBe('not-budget-document')
    expect(error.message).toContain('第一部分')
  })

  it('a table cut off in the middle names the table and the line', () => {
    const lines = sampleText().split('\n')
    const cut = lines.slice(0, 120).join('\n') // inside table 1, before its spending percentages
    const error = failure(text(cut))
    expect(error.code).toBe('incomplete-table')
    expect(error.line).toBe(120)
    expect(error.message).toContain('扫黑除恶工作经费')
    expect(error.message).toContain('百分比')
  })

  it('an indicator row missing a cell', () => {
    const error = failure(text(sampleText().replace('\t≥90%\n\t年度工作计划\n\n\t\n\t时效指标', '\t≥90%\n\n\t\n\t时效指标')))
    expect(error).toMatchObject({ code: 'malformed-row', line: 147 })
    expect(error.message).toContain('指标行应有 6 个单元格')
  })

  it('a stray line inside Part 2', () => {
    const error = failure(text(sampleText().replace('\t单位：万元\n\n\t项目编码\n\t13030322P00404910001G', '\t单位：万元\n备注\n\t项目编码\n\t13030322P00404910001G')))
    expect(error).toMatchObject({ code: 'malformed-row', line: 179 })
  })

  it('a missing section of Part 1', () => {
    const error = failure(text(sampleText().replace('三、工作保障措施', '工作保障')))
    expect(error).toMatchObject({ code: 'missing-section' })
    expect(error.message).toContain('三、工作保障措施')
  })
})
