/**
 * Single-project forms from other regions: the real ones in
 * test/fixtures/formats/regional (from the team kit), and one form written
 * in every text layout and column order, read to the same project.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { modelFromText } from '../../model/derive-model'
import { buildDocument } from '../../model/build-document'
import { readDocument } from '../../model/read-document'
import { importPublishedText } from '../published-text/import'
import { exportFormats, formatById, importFile } from '../registry'
import type { ImportResult } from '../import-error'
import type { DocumentText } from '../../model/document-text'

const regional = (name: string) => readFileSync(new URL(`../../../test/fixtures/formats/regional/${name}`, import.meta.url), 'utf8')
const importText = (text: string) => importPublishedText(new TextEncoder().encode(text))
const imported = (result: ImportResult<DocumentText>) => {
  if (!result.ok) throw new Error(result.error.message)
  return modelFromText(result.value)
}

describe('real forms from other regions', () => {
  it('Xiangtan (cells between |, page clutter, empty 二级 rows, a review box) imports as one project', () => {
    const model = imported(importText(regional('xiangtan-wupaoche-2023.txt')))
    expect(model.year).toBe(2023)
    const [project] = model.projects
    expect(project).toMatchObject({
      name: '雾炮车降尘抑尘服务',
      unit: { name: '湘潭市环境卫生管理处' },
      budget: { total: 250 },
      goal: '通过采购雾炮车降尘抑尘服务,服务周期2023.07-2024.01,全市空气质量达到优良',
      details: { period: '2023.07-2024.01', periodGoal: expect.stringContaining('雾炮车') },
      costAsLevel1: false,
    })
    expect(project!.indicators.map((i) => [i.level1, i.level2, i.level3, i.value, i.basis])).toEqual([
      ['产出指标', '数量指标', '雾炮车降尘抑尘服务配备车辆数', '10辆', '计划标准'],
      ['产出指标', '数量指标', '雾炮车风炮射程', '≥80M', '计划标准'],
      ['产出指标', '质量指标', '服务周期内空气质量', '优良', '计划标准'],
      ['产出指标', '时效指标', '服务周期', '2023.07-2024.01', '计划标准'],
      ['产出指标', '成本指标', '控制在预算成本内', '250万', '计划标准'],
      ['效益指标', '社会效益指标', '服务周期内,市民对空气质量改善的满意程度', '≥85%', '计划标准'],
      ['满意度指标', '服务对象满意度指标', '市民满意度', '≥90%', '计划标准'],
    ])
  })

  it('Xiangtan’s 上级资金: 0 is nothing to say; any other figure is named as not imported, never dropped in silence', () => {
    const xiangtan = regional('xiangtan-wupaoche-2023.txt')
    const asWritten = importText(xiangtan)
    expect(asWritten.ok && asWritten.value.unread).toBeUndefined()
    const withTransfer = xiangtan.replace('该项目支出上级资金 |\n0 |', '该项目支出上级资金 |\n30万 |')
    expect(withTransfer).not.toBe(xiangtan)
    const result = importText(withTransfer)
    if (!result.ok) throw new Error(result.error.message)
    // The rest imports as before: the 本级 250万 stays the 预算数, no 财政资金 guessed.
    expect(modelFromText(result.value).projects[0]!.budget).toEqual({ total: 250, fiscal: null, other: null })
    expect(result.value.unread).toEqual([expect.stringMatching(/^该项目支出上级资金“30万”未导入：.*请按原表核对预算数和财政资金$/)])
  })

  it('a 上年结转资金 beside 财政拨款 and 其他资金 is named as not imported', () => {
    const result = importText(writeForm('tabs').replace('其中：财政拨款\t100\t其他资金\t20', '其中：财政拨款\t90\t上年结转资金\t10\t其他资金\t20'))
    if (!result.ok) throw new Error(result.error.message)
    expect(modelFromText(result.value).projects[0]!.budget).toEqual({ total: 120, fiscal: 90, other: 20 })
    expect(result.value.unread).toEqual([expect.stringMatching(/^上年结转资金“10”未导入/)])
  })

  it('Yueyang (a cell a line, labels split over lines, a footnote) imports with its particulars', () => {
    const read = importText(regional('hunan-yueyang-gaobiaozhun-nongtian-2022.txt'))
    // Its name has its year already: the document's title does not say it twice.
    expect(read.ok && read.value.subtitle).toBe('岳阳县2022年高标准农田建设项目绩效文本')
    const [project] = imported(read).projects
    expect(project).toMatchObject({
      name: '岳阳县2022年高标准农田建设项目',
      budget: { total: 854 },
      goal: '完成项目主体工程70%',
      details: { department: '岳阳县农业农村局', implementer: '农田建设服务中心', manager: '彭兵' },
    })
    expect(project!.indicators).toHaveLength(12)
    expect(project!.indicators.filter((i) => i.level2 === '经济效益指标').map((i) => i.level3)).toEqual(['年增粮食'])
    expect(project!.indicators.find((i) => i.level3 === '财政资金补助')).toMatchObject({ level1: '产出指标', level2: '成本指标' })
  })

  it('Fengjie, cut inside its table, is refused at the line where it stops', () => {
    const result = importText(regional('chongqing-fengjie-yunwu-jiagongyuan-2023.txt'))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('incomplete-table')
      expect(result.error.line).toBe(35)
      expect(result.error.message).toContain('数量指')
    }
  })

  it('Fengjie completed reads 101号’s 成本 一级, scored 一级 labels and the money of this year', () => {
    const whole = regional('chongqing-fengjie-yunwu-jiagongyuan-2023.txt') + '标 晾晒房数量 1座 10\n效益指标(20-30)分\n社会效益指标 带动群众务工人数 ≥20人 20\n满意度指标(10)分 服务对象满意度指标 群众满意度 ≥95% 10\n'
    const [project] = imported(importText(whole)).projects
    expect(project).toMatchObject({
      name: '2023年云雾土家族乡加工园配套设施建设项目',
      unit: { name: '奉节县云雾土家族乡人民政府' },
      moneyUnit: '万元',
      budget: { total: 65, fiscal: 65, other: null },
      usage: expect.stringMatching(/^新建中药材晾晒房一座/),
      goal: expect.stringMatching(/^新建中药材晾晒房一座/),
      details: { department: '县民宗委', implementer: '云雾土家族乡', manager: '徐德迁', period: '2023年4月-2024年2月' },
      costAsLevel1: true,
    })
    expect(project!.indicators.map((i) => [i.level1, i.level2, i.level3, i.value, i.score])).toEqual([
      ['成本指标', '经济成本指标', '项目建设成本', '≤65万元', 10],
      ['产出指标', '数量指标', '晾晒房数量', '1座', 10],
      ['效益指标', '社会效益指标', '带动群众务工人数', '≥20人', 20],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥95%', 10],
    ])
  })

  it('the Chizhou self-evaluation is named as one, not imported', () => {
    const result = importText(regional('anhui-chizhou-tangxi-weituoyewu-zipingbiao-2022.txt'))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/^这是项目支出绩效自评表（项目：委托业务项目）/)
  })
})

const HEADER = ['一级指标', '二级指标', '三级指标', '指标值', '分值', '备注']
const ROWS = [
  ['产出指标(50分)', '数量指标', '服务老人人数', '≥800人', '20', '按户籍统计'],
  ['', '质量指标', '服务合格率', '≥95%', '15', '抽查'],
  ['', '时效指标', '按月完成服务', '每月底前', '15', '每月'],
  ['效益指标(30分)', '社会效益指标', '老人生活质量', '明显提升', '30', '回访'],
  ['满意度指标(20分)', '服务对象满意度指标', '服务对象满意度', '≥90%', '20', '问卷调查'],
]
const FRONT = [
  ['2024年社区养老服务补助项目支出绩效目标申报表'],
  ['来源：某某区财政局', '发布时间：2024-01-05'],
  ['项目名称', '社区养老服务补助', '项目编码', '3303001'],
  ['主管部门', '某某区民政局', '实施单位', '某某区养老服务中心'],
  ['项目负责人', '李明', '实施期', '2024年1月-2024年12月'],
  ['年度资金总额（万元）', '120', '其中：财政拨款', '100', '其他资金', '20'],
  ['年度绩效目标', '为辖区800名老人提供上门服务'],
]
const END = [['填表人：王五', '审核意见：']]

/** The form with its columns in `order` (indices into HEADER), written in a layout. */
function writeForm(layout: 'tabs' | 'pipes' | 'spaces' | 'lines', order: readonly number[] = [0, 1, 2, 3, 4, 5]): string {
  const table = [HEADER, ...ROWS].map((row) => order.map((i) => row[i]!))
  const rows = [...FRONT, ...table, ...END]
  switch (layout) {
    case 'tabs':
      return rows.map((row) => row.join('\t')).join('\n')
    case 'pipes':
      return rows.map((row) => `| ${row.join(' | ')} |`).join('\n')
    case 'spaces':
      return rows.map((row) => row.filter(Boolean).join('   ')).join('\n')
    case 'lines':
      return rows.flatMap((row) => row.filter(Boolean).flatMap((cell) => [cell, ''])).join('\n')
  }
}

const EXPECTED = {
  name: '社区养老服务补助',
  code: '3303001',
  budget: { total: 120, fiscal: 100, other: 20 },
  goal: '为辖区800名老人提供上门服务',
  details: { department: '某某区民政局', implementer: '某某区养老服务中心', manager: '李明', period: '2024年1月-2024年12月', periodGoal: '' },
  indicators: ROWS.map((row, i) => ({
    level1: ['产出指标', '产出指标', '产出指标', '效益指标', '满意度指标'][i],
    level2: row[1],
    level3: row[2],
    description: '',
    value: row[3],
    basis: '',
    score: Number(row[4]),
    note: row[5],
  })),
}

describe('one form in every layout', () => {
  it.each(['tabs', 'pipes', 'spaces', 'lines'] as const)('written with %s, it reads to the same project', (layout) => {
    const model = imported(importText(writeForm(layout)))
    expect(model.year).toBe(2024)
    expect(model.projects[0]).toMatchObject(EXPECTED)
  })

  it('the 一级 label keeps its score as written, and gives it back', () => {
    const result = importText(writeForm('tabs'))
    if (!result.ok) throw result.error
    expect(result.value.projects[0]!.indicators[0]!.level1).toBe('产出指标(50分)')
    expect(readDocument(buildDocument(result.value)).projects[0]!.indicators[0]!.level1).toBe('产出指标(50分)')
  })

  const permutations = (items: number[]): number[][] =>
    items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))

  it('every order of the columns after 二级 reads to the same project (tabs keep the rows)', () => {
    for (const tail of permutations([2, 3, 4, 5])) {
      expect(imported(importText(writeForm('tabs', [0, 1, ...tail]))).projects[0], tail.join()).toMatchObject(EXPECTED)
    }
  })

  it('a column it cannot name is an error naming it, not a shift', () => {
    const text = writeForm('tabs').replace('\t备注', '\t联系人电话')
    const result = importText(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/第 8 行：指标表头第 6 列“联系人电话”不是可识别的列名/)
  })

  it('cut at any line, it imports with every row complete or fails naming a line', () => {
    const lines = writeForm('lines').split('\n')
    for (let at = 1; at < lines.length; at++) {
      const result = importText(lines.slice(0, at).join('\n'))
      if (result.ok) {
        for (const indicator of modelFromText(result.value).projects[0]!.indicators) expect(indicator.value, `cut at ${at}`).not.toBe('')
      } else {
        expect(result.error.message, `cut at ${at}`).toMatch(/^第 \d+ 行：|空白|没有找到|不是部门预算绩效文本/)
      }
    }
  })

  it('a blank template is named as one', () => {
    const blank = [...FRONT.map((row) => row.filter((_, i) => i % 2 === 0)), HEADER].map((row) => row.join('\t')).join('\n')
    const result = importText(blank)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/空白的绩效目标表模板/)
  })
})

describe('the form as other producers save it, and back out', () => {
  const file = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/formats/regional/${name}`, import.meta.url)))

  it.each(['yanglao-2024.html', 'yanglao-2024.docx', 'yanglao-2024.xlsx'])('%s (a web page with rowspans; LibreOffice’s Word and Excel of it) reads to the same project', async (name) => {
    const model = imported(await importFile(file(name)))
    expect(model.projects[0]).toMatchObject(EXPECTED)
  })

  it.each(exportFormats().map((f) => f.id))('exported as %s and imported again, it keeps its particulars, scores and notes', async (id) => {
    const result = importText(writeForm('tabs'))
    if (!result.ok) throw result.error
    const exported = await formatById(id)!.export!(result.value)
    const bytes = typeof exported === 'string' ? new TextEncoder().encode(exported) : exported
    const again = imported(await importFile(bytes))
    expect(again.projects[0]).toEqual(modelFromText(result.value).projects[0])
  })
})

describe('errors in files of tables say where', () => {
  it('a column it cannot name, in a web page, a Word file and an Excel sheet, is placed by table, row and column', async () => {
    const result = importText(writeForm('tabs'))
    if (!result.ok) throw result.error
    const [project] = result.value.projects
    const broken = { ...result.value, projects: [{ ...project!, indicators: project!.indicators.map((i) => ({ ...i, note: i.note })) }] }
    for (const [id, place] of [['html', /^网页文件 表 1 › 第 \d+ 行 › 第 7 列：/], ['docx', /^Word 文档 表 1 › 第 \d+ 行 › 第 7 列：/], ['xlsx', /^Excel 文件 工作表“1\.社区养老服务补助” › 第 \d+ 行 › 第 7 列：/]] as const) {
      const exported = await formatById(id)!.export!(broken)
      const bytes = typeof exported === 'string' ? new TextEncoder().encode(exported.replace('>分值<', '>得分情况<')) : await renameCell(exported, '分值', '得分情况')
      const again = await importFile(bytes)
      expect(again.ok, id).toBe(false)
      if (!again.ok) expect(again.error.message, id).toMatch(place)
    }
  })
})

/** The file with one cell's text changed, inside its zip (Word and Excel keep text in XML parts). */
async function renameCell(zip: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate')
  const files = unzipSync(zip)
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('.xml')) files[name] = strToU8(strFromU8(data).replaceAll(`>${from}<`, `>${to}<`))
  }
  return zipSync(files)
}
