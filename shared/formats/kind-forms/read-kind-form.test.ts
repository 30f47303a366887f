import { describe, expect, it } from 'vitest'
import { generateKindDocument, withDerived } from '../../../support/generate-kind-document'
import { makeRandom } from '../../../support/random'
import { ImportError } from '../import-error'
import { readText } from '../document-forms'
import { exportKindText } from './kind-text'
import { MONITORING_FORM, SELF_EVALUATION_FORM } from './form-vocabulary'

const refusal = (text: string): ImportError => {
  try {
    readText(text)
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('imported')
}

const evaluation = generateKindDocument(makeRandom(5), 'self-evaluation', 2)
const text = exportKindText(SELF_EVALUATION_FORM, evaluation)
const lines = text.split('\n')
/** The line of a cell, 1-based. */
const lineOf = (cell: string, from = 0) => lines.findIndex((l, i) => i >= from && l === `\t${cell}`) + 1

describe('reading a 自评表 whose rows are known', () => {
  it('reads every form of the file, one project each, under the title block', () => {
    expect(readText(text)).toEqual(withDerived(evaluation))
  })

  it('refuses amounts in two units', () => {
    const title = `1.${evaluation.projects[0]!.name}项目支出绩效自评表`
    const mixed = text.replace('\t项目资金（万元）', '\t项目资金（元）').replace(title, `${title}\n金额单位：万元`)
    expect(evaluation.projects[0]!.moneyUnit).toBe('万元')
    expect(refusal(mixed).message).toMatch(/金额的单位不一致：表中既写了元又写了万元|金额的单位不一致：表中既写了万元又写了元/)
  })

  it('refuses a row with a cell more than its header, naming its line', () => {
    const first = evaluation.projects[0]!.indicators[0]!
    const at = lineOf(first.level3)
    const wider = [...lines.slice(0, at + 5), '\t多出的一格', ...lines.slice(at + 5)].join('\n')
    expect(refusal(wider).message).toMatch(new RegExp(`^第 ${at - 3} 行：这一行有 10 个单元格，比指标表头多`))
  })

  it('refuses a header column it does not know, naming it', () => {
    expect(refusal(text.replace('\t偏差原因分析及改进措施', '\t整改情况')).message).toMatch(/指标表头的“整改情况”不是项目支出绩效自评表的列名/)
  })

  it('refuses a row short of its 得分 inside the table as malformed, not as cut', () => {
    const first = evaluation.projects[0]!.indicators[0]!
    const at = lineOf(first.level3)
    // The row loses its last four cells (实际完成值 onwards… up to 偏差原因): fewer than the required ones.
    const shorter = [...lines.slice(0, at + 1), ...lines.slice(at + 5)].join('\n')
    const error = refusal(shorter)
    expect(error.code).toBe('malformed-row')
    expect(error.message).toMatch(new RegExp(`指标“${first.level3}”只有 \\d 个单元格，应有 7 个（到“得分”为止）`))
  })
})

describe('reading a 监控表 whose rows are known', () => {
  const monitoring = generateKindDocument(makeRandom(9), 'monitoring', 1)
  const form = exportKindText(MONITORING_FORM, monitoring)

  it('keeps the 截至月份 and every column', () => {
    expect(readText(form)).toEqual(withDerived(monitoring))
  })

  it('refuses a 偏差原因 outside its list and a text cut before its note', () => {
    const cause = monitoring.projects[0]!.indicators.find((i) => i.cause)
    if (cause) expect(refusal(form.replace(`\t${cause.cause}\n`, '\t资金不足\n')).message).toMatch(/“偏差原因”只能填“经费保障”、“制度保障”、“人员保障”、“硬件条件保障”、“其他”，实际是“资金不足”/)
    const cut = form.slice(0, form.indexOf('\t注：'))
    expect(refusal(cut)).toMatchObject({ code: 'incomplete-table', message: expect.stringMatching(/没有“注”一行或表尾，文件可能不完整$/) })
  })
})
