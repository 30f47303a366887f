/**
 * `check FILE [--json] [--opinion]`: the finance review findings, or with
 * --opinion the drafted 审核意见 (shared/checks/OPINION.md): printed as
 * text or JSON, or with `--out PATH` written as a Word 审核意见书.
 * `--date`, `--resubmit-by` (YYYY-MM-DD), `--basis` (the region's 办法) and
 * `--reviewer` (审核单位) fill in what the document cannot say. Exit 0 even
 * with findings (they are the output); 1 when FILE cannot be read or
 * written; 2 for bad options.
 */
import { contractFinding, type Finding } from '@shared/checks/finding'
import { departmentTotal, projectsLeftOut } from '@shared/checks/rules/arithmetic'
import { totalLeavesOut } from '@shared/checks/total-leaves-out'
import { kindOf } from '@shared/kinds/registry'
import { documentFindings } from '@shared/kinds/document-findings'
import { draftOpinion } from '@shared/checks/review-opinion'
import { opinionBlocks, opinionText } from '@shared/checks/opinion-text'
import { modelFromText } from '@shared/model/derive-model'
import { writeFile } from 'node:fs/promises'
import { exportOpinionDocx } from '@shared/formats/docx/opinion-export'
import { EXIT, onePath, type Command } from '../command'
import { UsageError } from '../usage-error'
import { parseArgs } from '../parse-args'
import { readDocumentAndContext } from '../read-document-file'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { wanText } from '@shared/model/amounts'

const OPINION_OPTIONS = ['out', 'date', 'resubmit-by', 'basis', 'reviewer'] as const
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const

export const checkCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, [...OPINION_OPTIONS, ...STORAGE_OPTIONS], ['json', 'opinion'])
  const opinionOptions = OPINION_OPTIONS.filter((name) => options[name] !== undefined)
  if (!options.opinion && opinionOptions.length > 0) throw new UsageError(`--${opinionOptions[0]} 只用于 --opinion`)
  for (const name of ['date', 'resubmit-by'] as const) {
    const value = options[name]
    if (typeof value === 'string' && !isDate(value)) throw new UsageError(`--${name} 应为日期 YYYY-MM-DD，而不是“${value}”`)
  }
  const path = onePath(positionals, 'check')
  const result = await readDocumentAndContext(path, storageConfigOf(options))
  if (!result.ok) {
    io.stderr(`${path}: ${result.error.message}`)
    return EXIT.badInput
  }
  const { text, context } = result.value
  const kind = kindOf(text)
  if (options.opinion && !kind.opinion) {
    io.stderr(`${path}: ${kind.label}文档的审核意见尚不能起草；check --json 列出检查结果`)
    return EXIT.badInput
  }
  const model = modelFromText(text)
  // The editor's, /checks' and the queue's set: a stored draft is also read against last year's 自评.
  const findings = documentFindings(text, context, { model })
  if (options.opinion) {
    const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined)
    const opinion = draftOpinion(model, findings, {
      date: text('date') ?? new Date().toISOString().slice(0, 10),
      ...(text('resubmit-by') ? { resubmitBy: text('resubmit-by')! } : {}),
      ...(text('basis') ? { basis: text('basis')! } : {}),
      ...(text('reviewer') ? { reviewer: text('reviewer')! } : {}),
    })
    const out = text('out')
    if (out) {
      try {
        await writeFile(out, await exportOpinionDocx(opinionBlocks(opinion)))
      } catch (error) {
        io.stderr(`无法写入 ${out}：${(error as Error).message}`)
        return EXIT.badInput
      }
      io.stdout(`已写入审核意见书 ${out}（审核结论：${opinion.conclusion}）`)
    } else io.stdout(options.json ? JSON.stringify(opinion, null, 2) : opinionText(opinion))
  } else if (options.json) io.stdout(JSON.stringify(findings.map(contractFinding), null, 2))
  else io.stdout(readable(findings, departmentTotal(model), projectsLeftOut(model), text.projects.length))
  return EXIT.ok
}

function readable(findings: Finding[], total: number, leftOut: number, projects: number): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length
  const lines = findings.map((f) => {
    const place = f.project === null ? '第一部分' : `项目 ${f.project}${f.indicator === null ? '' : ` › 指标 ${f.indicator}`}`
    return `${SEVERITY_LABEL[f.severity]}  ${place.padEnd(14, '　')}  ${f.message}  [${f.rule}]`
  })
  return [
    `${projects} 个项目，预算合计 ${wanText(total)} 万元${totalLeavesOut(leftOut)}；发现 ${count('error')} 个错误、${count('warning')} 个警告、${count('info')} 个提示。`,
    ...lines,
  ].join('\n')
}
