/**
 * Money units, the failure a finance bureau cannot accept: figures that
 * are wrong without a word. The model reads every amount in 万元 — from the
 * table's "单位：元/千元/万元" and an amount's own unit ("3000元", "854万") —
 * so sums are right; these rules say where the writing leaves room to
 * misread: a unit that names no money, a cell in another unit than its
 * table, amounts in Chinese numerals, tables in different units, and
 * amounts implausible for their unit (元 written under 万元 or the other way).
 */
import type { BudgetDocument } from '../../model/budget-document'
import { inYuan, tableUnit, wanText, writtenAmount } from '../../model/amounts'
import type { Finding, FindingField } from '../finding'
import { findingsFor, type DocumentRule, type ProjectRule } from '../rule'
import { AMOUNT_FIELDS } from '../../schema/fields'

const CELLS = AMOUNT_FIELDS.map((f) => [f.key, f.label, f.amount] as const) satisfies readonly (readonly [FindingField, string, string])[]

const wan = (n: number) => `${wanText(n)} 万元`
/** Units that name the same scale: "万" written beside a 万元 table is no other unit. */
const sameUnit = (a: string, b: string) => a.replace(/^(万|亿)$/, '$1元') === b.replace(/^(万|亿)$/, '$1元')

/** Under 100 元 for a whole project, or above 10 亿: a unit most likely misread. */
const TOO_SMALL = 0.01
const TOO_LARGE = 100_000

export const cellUnits: ProjectRule = {
  id: 'money-units.cell',
  check({ model, text, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const unit = tableUnit(text.moneyUnit)
    const found: Finding[] = []
    if (unit === null) {
      found.push(f.warning(`金额单位“${text.moneyUnit}”不是货币单位（应为元、千元或万元）：金额已按万元读取，请核实`, { field: 'unit' }))
    }
    for (const [field, label, key] of CELLS) {
      const written = writtenAmount(text[field])
      const amount = model.budget[key]
      if (!written || amount === null) continue
      const chinese = /[一二三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]/.test(text[field])
      // "十万元" names its 万 inside the numeral: one note for the numeral says enough.
      if (written.unit && unit && !chinese && !sameUnit(written.unit, unit)) {
        found.push(f.warning(`${label}写作“${text[field]}”，与本表“单位：${unit}”不一致，已折算为 ${wan(amount)}：请统一金额单位`, { field }))
      }
      if (chinese) {
        found.push(f.info(`${label}“${text[field]}”用汉字书写，已读作 ${wan(amount)}：表中金额应写为阿拉伯数字`, { field }))
      }
    }
    const total = model.budget.total
    if (total !== null && total > 0 && total < TOO_SMALL) {
      found.push(f.warning(`预算数只有 ${inYuan(total)}（不足 100 元）：本表单位是“${text.moneyUnit || '万元'}”，金额是否应以万元为单位？`, { field: 'budgetTotal' }))
    } else if (total !== null && total >= TOO_LARGE) {
      found.push(f.warning(`预算数 ${wan(total)} 超过 10 亿元：金额是否以元写在了“单位：${unit ?? '万元'}”的表中？`, { field: 'budgetTotal' }))
    }
    return found
  },
}

/** A project this many times the rest of the department together is taken for a unit slip. */
const OUTLIER = 100

export const documentUnits: DocumentRule = {
  id: 'money-units.document',
  check(doc: BudgetDocument): Finding[] {
    const found: Finding[] = []
    const units = doc.projects.map((p) => tableUnit(p.moneyUnit) ?? p.moneyUnit)
    const common = mostCommon(units)
    const others = units.flatMap((unit, i) => (unit !== common ? [i + 1] : []))
    if (others.length > 0) {
      const listed = others.map((n) => `第 ${n} 个`).join('、')
      found.push(findingsFor(this.id, null).warning(`${listed}项目表的金额单位与其余各表（${common}）不同：金额已统一折算为万元，请统一单位后报送`))
    }
    const totals = doc.projects.map((p) => p.budget.total)
    totals.forEach((total, i) => {
      if (total === null || total < 1000) return
      const rest = totals.reduce<number>((sum, t, j) => sum + (j === i || t === null ? 0 : t), 0)
      if (rest > 0 && total >= OUTLIER * rest) {
        found.push(
          findingsFor(this.id, i + 1).warning(`预算数 ${wan(total)}是本部门其他项目合计 ${wan(rest)}的 ${Math.round(total / rest)} 倍：是否把元写成了万元？`, { field: 'budgetTotal' }),
        )
      }
    })
    return found
  },
}

function mostCommon(items: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '万元'
}
