/**
 * The finance side's overview: the 审核队列 (every document of the
 * departments a reviewer is assigned) and the dashboard (per department
 * and year, for the bureau and for a department's 管理员).
 */
import type { Dashboard, People, QueueRow } from '@shared/api/http-api'
import { findingCounts } from '@shared/kinds/document-findings'
import { STATUS } from '@shared/review/workflow'
import { reviewedDepartments } from '../auth/assigned-reviewers'
import { deadlineOf, departmentDeadlines, type SubmissionDeadline } from '../auth/submission-deadline'
import type { DocumentSummary } from '../document-service'
import type { User } from '../storage/account-store'
import type { DocumentRecord } from '../storage/document-log'
import type { Org } from '../storage/org-store'
import { approvedResultsBefore } from './last-year-results'
import { displayNames } from './people'
import { Refusal } from './refusal'
import type { Ports } from './ports'
import { countedTargets, yearTotals } from './year-totals'

type Reading = Pick<Ports, 'orgs' | 'documents' | 'service'>

/**
 * One row per document of the given departments: the department's
 * deadlines are read once, the documents' summaries as kept in storage
 * (only those changed since are read).
 */
async function departmentRows<Row>(
  p: Reading,
  departments: readonly Org[],
  row: (department: Org, doc: DocumentRecord, summary: DocumentSummary, deadline: SubmissionDeadline | null) => Promise<Row>,
): Promise<Row[]> {
  const perDepartment = await Promise.all(
    departments.map(async (department) => {
      const [ids, deadlines] = await Promise.all([p.orgs.documentsOf(department.id), departmentDeadlines(p.orgs, department.id)])
      const [docs, summaries] = await Promise.all([Promise.all(ids.map((id) => p.documents.get(id))), p.service.summaries(ids)])
      return Promise.all(
        docs.flatMap((doc) => {
          const summary = doc && summaries.get(doc.id)
          if (!doc || !summary) return []
          return [withLastYear(p, doc.id, summary).then((s) => row(department, doc, s, deadlineOf(deadlines, { kind: s.kind, year: s.year, status: s.status.value })))]
        }),
      )
    }),
  )
  return perDepartment.flat()
}

/**
 * The summary with every finding counted, as /checks and the editor list
 * them: a kept summary counts the document's own findings, and next year's
 * draft whose predecessor has an approved 自评 has the 结果应用 ones too
 * (they change when that 自评 does, so they are not kept with the draft).
 */
async function withLastYear(p: Reading, id: string, summary: DocumentSummary): Promise<DocumentSummary> {
  if (!summary.predecessor) return summary
  const lastYear = await approvedResultsBefore(p, id, { predecessor: summary.predecessor })
  if (lastYear.length === 0) return summary
  return { ...summary, findings: findingCounts(await p.service.findings(id, { lastYear })) }
}

/**
 * 审核队列: with each document's department, status, who submitted it and
 * when, the money, the findings and the review work still open, and how
 * long it has waited. `status` filters; `sort` is waiting (default),
 * department or findings.
 */
export async function reviewQueue(p: Reading & Pick<Ports, 'accounts'>, user: User, options: { status?: string | undefined; sort?: string | undefined }): Promise<{ queue: QueueRow[]; people: People }> {
  const reviewed = [...(await reviewedDepartments(p.orgs, user.id))]
  const departments = (await Promise.all(reviewed.map((id) => p.orgs.orgById(id)))).filter((d) => d !== undefined)
  const rows = await departmentRows(p, departments, async (department, doc, summary, deadline) => {
    // The submission that stands: none once it was withdrawn (编制中 again) — the department holds the document.
    const submitted = summary.status.value === STATUS.drafting ? undefined : (await p.documents.versions(doc.id)).filter((v) => v.status === STATUS.submitted).at(-1)
    const waiting = submitted && (summary.status.value === STATUS.submitted || summary.status.value === STATUS.reviewing) ? Math.floor((Date.now() - submitted.createdAt) / 86_400_000) : null
    const { lastChange: _, scores: __, predecessor: ___, rules: ____, ...shown } = summary
    return {
      id: doc.id,
      title: doc.title,
      departmentOrg: department.name,
      deadline,
      ...shown,
      // A summary kept in storage before kinds has none: it is of a targets document.
      kind: summary.kind ?? 'targets',
      submitted: submitted ? { by: submitted.byUser, at: submitted.createdAt } : null,
      daysWaiting: waiting,
    }
  })
  const sort = options.sort ?? 'waiting'
  const queue = rows.filter((r) => !options.status || r.status.value === options.status)
  queue.sort((a, b) =>
    sort === 'department' ? a.departmentOrg.localeCompare(b.departmentOrg, 'zh')
    : sort === 'findings' ? b.findings.error - a.findings.error || b.findings.warning - a.findings.warning
    : (b.daysWaiting ?? -1) - (a.daysWaiting ?? -1),
  )
  return { queue, people: await displayNames(p, queue.map((r) => r.submitted?.by ?? null)) }
}

/**
 * The bureau's dashboard (and a department 管理员's, for their own): per
 * department, each document's kind, status, last change, money, findings,
 * approval date and (监控, 自评) 执行率; per project of each 监控 and 自评
 * its 执行率 and 总分/grade; totals per year across departments.
 */
export async function dashboard(p: Reading, user: User): Promise<Dashboard> {
  const memberships = await p.orgs.membershipsOf(user.id)
  const all = await p.orgs.orgs()
  const inBureau = memberships.some((m) => all.find((o) => o.id === m.orgId)?.kind === 'finance')
  const departments = all.filter((o) => o.kind === 'department' && (inBureau || memberships.some((m) => m.orgId === o.id && m.role === 'admin')))
  // Said, not shown as an empty table: a department's staff reading 「没有可汇总的部门文档」 took it that there were none.
  if (!inBureau && departments.length === 0) throw new Refusal('forbidden', 'not-overseer', '汇总只对财政局的人员和部门的管理员开放：你不在财政局，也不是哪个部门的管理员')
  const rows = await departmentRows(p, departments, async (department, doc, summary, deadline) => {
    const versions = await p.documents.versions(doc.id)
    const last = summary.lastChange
    const approved = versions.filter((v) => v.status === STATUS.approved).at(-1)
    return {
      department: department.name,
      id: doc.id,
      title: doc.title,
      deadline,
      year: summary.year,
      status: summary.status.value,
      lastChange: last?.at ?? doc.createdAt,
      total: summary.total,
      leftOut: summary.leftOut,
      errors: summary.findings.error,
      warnings: summary.findings.warning,
      approvedAt: summary.status.value === STATUS.approved ? (approved?.createdAt ?? null) : null,
      // Summaries kept before kinds existed have neither: they were targets.
      kind: summary.kind ?? 'targets',
      rate: summary.scores?.rate ?? null,
      missingExecuted: summary.scores?.missing ?? 0,
      missingBudget: summary.scores?.unbudgeted ?? 0,
      unreadableFunds: summary.scores?.unreadable ?? 0,
      earned: summary.scores?.earned ?? null,
      grade: summary.scores?.grade ?? null,
      unscored: summary.scores?.unscored ?? 0,
      ungraded: summary.scores?.ungraded ?? 0,
      scored: (summary.scores?.projects ?? []).map((score) => ({
        department: department.name, id: doc.id, title: doc.title, year: summary.year, kind: summary.kind, status: summary.status.value, ...score,
      })),
    }
  })
  // The year's money is its targets' 预算数 (a 监控 or 自评 carries the same figures again), one document per department.
  const targets = rows.filter((r) => r.kind === 'targets')
  const counted = countedTargets(targets)
  return {
    rows: rows.map(({ scored: _, ...row }) => ({ ...row, inYearTotal: row.kind === 'targets' ? counted.has(row.id) : null })),
    projects: rows.flatMap((row) => row.scored),
    byYear: yearTotals(targets),
  }
}
