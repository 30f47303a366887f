/**
 * Issue 27's "done": no file in the fixtures (which hold copies of every
 * real form in the team kit) imports a value into the wrong field or unit
 * without a refusal or a finding. Each file is imported as a user would;
 * what imports must pass the row gate everywhere, and every amount must be
 * read in 万元 or reported by the checks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runChecks } from '../checks/run-checks'
import { modelFromText } from '../model/derive-model'
import { implausibleRow } from './project-form/plausible-row'
import { importFile } from './registry'

const ROOT = fileURLToPath(new URL('../../test/fixtures/formats', import.meta.url))
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]))

/** The files that must be refused, and why: a table cut short (a 自评表's, or a 绩效目标表's). */
const REFUSED: Record<string, RegExp> = {
  'anhui-chizhou-tangxi-weituoyewu-zipingbiao-2022.txt': /^第 2 行：自评表在“公众满”处中断/,
  'chongqing-fengjie-yunwu-jiagongyuan-2023.txt': /^第 35 行：项目表在“数量指”处中断/,
}

describe('every fixture: refused by name, or imported with each value in its field and unit', () => {
  it.each(files(ROOT).filter((f) => /\.(txt|docx|xlsx|html)$/.test(f)).map((f) => [f.slice(ROOT.length + 1), f]))('%s', async (name, path) => {
    const result = await importFile(new Uint8Array(readFileSync(path)))
    const refused = REFUSED[name.split('/').at(-1)!]
    if (refused) {
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.message).toMatch(refused)
      return
    }
    if (!result.ok) throw result.error
    const model = modelFromText(result.value)
    const findings = runChecks(result.value)
    result.value.projects.forEach((project, p) => {
      for (const indicator of project.indicators) expect(implausibleRow(indicator), `${project.name} › ${indicator.level3}`).toBeNull()
      for (const [field, key] of [['budgetTotal', 'total'], ['budgetFiscal', 'fiscal']] as const) {
        if (project[field].trim() === '' || model.projects[p]!.budget[key] !== null) continue
        // Not read as an amount: the checks must say so on that cell.
        expect(findings.some((f) => f.project === p + 1 && f.field === field && f.severity === 'error'), `${project.name} › ${field} “${project[field]}”`).toBe(true)
      }
      expect(model.projects[p]!.budgetUnit).toBe('万元')
    })
  }, 30_000)
})
