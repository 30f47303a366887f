/**
 * `check FILE [--json] [--opinion]`: the finance review findings, or with
 * --opinion the drafted 审核意见 (grades per criterion, conclusion, changes
 * per project). Exit 0 even with findings (they are the output); 1 when
 * FILE cannot be read.
 */
import { contractFinding, type Finding } from '@shared/checks/finding'
import { departmentTotal } from '@shared/checks/rules/arithmetic'
import { runChecks } from '@shared/checks/run-checks'
import { draftOpinion } from '@shared/checks/review-opinion'
import { opinionText } from '@shared/checks/opinion-text'
import { modelFromText } from '@shared/model/derive-model'
import { EXIT, onePath, type Command } from '../command'
import { parseArgs } from '../parse-args'
import { readDocumentFile } from '../read-document-file'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const

export const checkCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, [...STORAGE_OPTIONS], ['json', 'opinion'])
  const path = onePath(positionals, 'check')
  const result = await readDocumentFile(path, storageConfigOf(options))
  if (!result.ok) {
    io.stderr(`${path}: ${result.error.message}`)
    return EXIT.badInput
  }
  const findings = runChecks(result.value)
  const model = modelFromText(result.value)
  if (options.opinion) {
    const opinion = draftOpinion(model, findings, { date: new Date().toISOString().slice(0, 10) })
    io.stdout(options.json ? JSON.stringify(opinion, null, 2) : opinionText(opinion))
  } else if (options.json) io.stdout(JSON.stringify(findings.map(contractFinding), null, 2))
  else io.stdout(readable(findings, departmentTotal(model), result.value.projects.length))
  return EXIT.ok
}

function readable(findings: Finding[], total: number, projects: number): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length
  const lines = findings.map((f) => {
    const place = f.project === null ? '第一部分' : `项目 ${f.project}${f.indicator === null ? '' : ` › 指标 ${f.indicator}`}`
    return `${SEVERITY_LABEL[f.severity]}  ${place.padEnd(14, '　')}  ${f.message}  [${f.rule}]`
  })
  return [
    `${projects} 个项目，预算合计 ${total.toFixed(2)} 万元；发现 ${count('error')} 个错误、${count('warning')} 个警告、${count('info')} 个提示。`,
    ...lines,
  ].join('\n')
}
