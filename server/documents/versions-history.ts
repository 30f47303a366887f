/**
 * Versions and history: named versions, 恢复此版本 (whole or one
 * project), comparisons (between versions, since the last 退回修改, with
 * last year's document), the activity log and who wrote what.
 */
import { yearMismatch } from '@shared/formats/import-year'
import { readContent } from '@shared/model/y-document'
import { kindOf } from '@shared/kinds/registry'
import { changeAuthors, diffDocuments, type DocumentDiff } from '@shared/history/document-diff'
import { addProjectsTo, restoreContent, withProjectFrom } from '@shared/history/restore-content'
import { AUTOMATIC_VERSION, isAutomaticVersion } from '@shared/history/version-thinning'
import { returnStepVersion } from '@shared/history/return-step'
import type { ActivityView } from '@shared/history/activity'
import type { SessionRanges } from '@shared/history/authorship'
import type { VersionRecord } from '@shared/history/version-record'
import type { Comparison, People } from '@shared/api/http-api'
import { STATUS } from '@shared/review/workflow'
import { addImportNotes, IMPORT_NOTE_AUTHOR } from '@shared/review/import-notes'
import { projectCount } from '@shared/model/document-limits'
import type { User } from '../storage/account-store'
import { log } from '../log'
import { reach, reachEditable } from './document-access'
import { sourceText, type DocumentSource } from './imported-file'
import { actorName, type Actor } from './actor'
import { displayNames, peopleOf, shownName } from './people'
import type { Ports } from './ports'
import { forbidden, invalid, Refusal } from './refusal'

const versionNotFound = (message: string) => new Refusal('not-found', 'version-not-found', message)

export async function listVersions(p: Pick<Ports, 'documents' | 'permissions'>, user: User, docId: string): Promise<VersionRecord[]> {
  const { doc } = await reach(p, docId, user)
  return p.documents.versions(doc.id)
}

/** A named version anyone with edit rights may keep ("提交前的稿子"): the document as stored now. `name` is trimmed and not empty. */
export async function saveNamedVersion(p: Pick<Ports, 'documents' | 'permissions' | 'live' | 'service' | 'accounts' | 'orgs'>, user: User, docId: string, name: string): Promise<number> {
  const { doc, role } = await reach(p, docId, user)
  if (role !== 'editor') throw forbidden()
  if (isAutomaticVersion(name)) throw invalid(`“${AUTOMATIC_VERSION}”留给自动版本，请换一个名称`)
  await p.live.flush()
  const status = (await p.service.status(doc.id)).value
  const at = Date.now()
  const id = await p.documents.saveVersion(doc.id, { name: `${name}（${await shownName(p, user)}）`, status, byUser: user.name, createdAt: at, note: '' })
  await p.documents.record(doc.id, [{ at, by: user.name, event: { kind: 'version', name, versionId: id } }])
  return id
}

/**
 * 恢复此版本: the version's content (or one project's table of it) becomes
 * the document's again, as a new change by the server on top (relayed and
 * stored like any other), by staff while they may edit; the step is kept
 * as a version itself.
 */
export async function restoreVersion(
  p: Pick<Ports, 'documents' | 'permissions' | 'live' | 'service' | 'accounts' | 'orgs'>,
  user: User,
  docId: string,
  versionParam: string,
  project: { code: string; name: string } | null,
): Promise<{ id: number; name: string }> {
  const { doc, status } = await reachEditable(p, docId, user, '恢复版本')
  if (project && !project.code && !project.name) throw invalid('请指定要恢复的项目（项目编码或项目名称）')
  const version = (await p.documents.versions(doc.id)).find((v) => String(v.id) === versionParam)
  const content = version && (await p.service.versionContent(doc.id, version.id))
  if (!version || !content) throw versionNotFound('没有这个版本')
  if (project && !withProjectFrom(content, content, project)) throw new Refusal('not-found', 'project-not-found', `版本「${version.name}」中没有项目「${project.name || project.code}」`)
  // The target is made from the document as the room holds it, so an edit elsewhere that arrived meanwhile stays.
  await p.live.applyServerChange(doc.id, (ydoc) => restoreContent(ydoc, project ? withProjectFrom(readContent(ydoc), content, project)! : content), { by: user.name })
  const what = project ? `项目「${project.name || project.code}」` : ''
  const name = `恢复${what}到「${version.name}」（${await shownName(p, user)}）`
  const at = Date.now()
  const id = await p.documents.saveVersion(doc.id, { name, status, byUser: user.name, createdAt: at, note: '' })
  await p.documents.record(doc.id, [{ at, by: user.name, event: { kind: 'restore', name: version.name, versionId: version.id, ...(project ? { project: project.name || project.code } : {}) } }])
  log('info', 'version-restored', { docId: doc.id, user: user.name, version: version.id })
  return { id, name }
}

/**
 * 导入项目表: the projects of a file (a whole document's, or a project's
 * form on its own) added after this document's last project, as one change
 * by the caller — staff, while they may edit; or the operator
 * (`import FILE --into ID`), at any step, recorded as nobody's.
 */
export async function addProjects(
  p: Pick<Ports, 'documents' | 'permissions' | 'live' | 'service' | 'files'>,
  by: Actor,
  docId: string,
  source: DocumentSource,
): Promise<{ added: string[]; warnings: string[]; noted: number }> {
  const { doc } = await reachEditable(p, docId, by, '导入项目')
  // Read only now: an upload costs the server nothing until its sender is known to be allowed.
  const imported = await sourceText(p, by, source)
  const { projects } = imported
  if (projects.length === 0) throw new Refusal('unprocessable', 'import-no-projects', '文件中没有绩效目标表')
  const here = await p.service.text(doc.id)
  // A 自评表's projects in a targets document would carry its 实际完成值 and 得分 as targets nobody set: refused, not mixed.
  const [theirs, ours] = [kindOf(imported), kindOf(here)]
  if (theirs.id !== ours.id) throw new Refusal('unprocessable', 'import-other-kind', `文件是${theirs.label}表，这份文档是${ours.label}文档：项目表只能导入同类文档（可在文档列表中把它导入为新文档）`)
  // A form of another year is added, and the caller told.
  const warning = yearMismatch(imported, here)
  const name = actorName(by)
  const unread = imported.unread ?? []
  await p.live.applyServerChange(doc.id, (ydoc) => {
    addProjectsTo(ydoc, projects)
    // What the file held that no cell took stays with the projects it came with, as comments (`import-notes.ts`).
    addImportNotes(ydoc, unread, { author: name ?? IMPORT_NOTE_AUTHOR, now: Date.now(), project: projectCount(ydoc) - projects.length })
  }, name ? { by: name } : {})
  return { added: projects.map((project) => project.name), warnings: [...unread, ...(warning ? [warning] : [])], noted: unread.length }
}

/**
 * What changed between two versions, or a version and now: `from` is a
 * version id, `last-return` (the version the latest 退回修改 step kept:
 * "what they changed since I returned it") or `predecessor` (last year's document as it is now, if
 * the caller may read it); `to` a version id or `now`.
 */
export async function compare(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'accounts' | 'orgs'>, user: User, docId: string, fromParam: string | undefined, toParam: string): Promise<Comparison> {
  const { doc } = await reach(p, docId, user)
  const versions = await p.documents.versions(doc.id)
  const pick = async (param: string | undefined, name: string) => {
    if (param === 'last-return') {
      const found = returnStepVersion((await p.documents.history(doc.id)).entries, versions, STATUS.returned)
      if (!found) throw versionNotFound('这份文档还没有被退回过')
      return found
    }
    const versionId = Number(param)
    if (!param || !Number.isInteger(versionId)) throw invalid(`${name} 必须是版本编号${name === 'from' ? '或 last-return' : '或 now'}`)
    const found = versions.find((v) => v.id === versionId)
    if (!found) throw versionNotFound(`没有这个版本：${param}`)
    return found
  }
  const to = toParam === 'now' ? null : await pick(toParam, 'to')
  const after = (await p.service.attributedText(doc.id, to ?? undefined))!
  const compared = async (from: Comparison['from'], diff: DocumentDiff): Promise<Comparison> => ({ from, to: to ?? 'now', diff, people: await displayNames(p, changeAuthors(diff)) })
  if (fromParam === 'predecessor') {
    const predecessor = await p.service.predecessorOf(doc.id)
    const record = predecessor ? await p.documents.get(predecessor) : undefined
    if (!record || !(await p.permissions.roleOf(record.id, user.id))) throw versionNotFound('这份文档不是由上一年度的文档生成的，或你无权查看上一年度的文档')
    return compared({ document: record.id, name: record.title }, diffDocuments(await p.service.text(record.id), after.text, after.authors))
  }
  const from = await pick(fromParam, 'from')
  return compared(from, diffDocuments((await p.service.versionText(doc.id, from.id))!, after.text, after.authors))
}

/** What happened to the document, newest first, with the display name of everyone it names. */
export async function documentActivity(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'accounts' | 'orgs'>, user: User, docId: string): Promise<{ activity: ActivityView[]; people: People }> {
  const { doc } = await reach(p, docId, user)
  const activity = await p.service.activity(doc.id)
  return { activity, people: await displayNames(p, activity.flatMap((a) => [a.by, ...(a.kind === 'role' ? [a.user] : []), ...(a.kind === 'suggestions' ? a.authors : [])])) }
}

export async function documentPeople(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'accounts' | 'orgs'>, user: User, docId: string): Promise<People> {
  const { doc } = await reach(p, docId, user)
  return peopleOf(p, doc.id, [user.name])
}

/** The edit sessions' id ranges, for the editor to show who last changed each paragraph and cell of its own copy. */
export async function authorship(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'accounts' | 'orgs'>, user: User, docId: string): Promise<{ sessions: SessionRanges[]; people: People }> {
  const { doc } = await reach(p, docId, user)
  const sessions = await p.service.editSessions(doc.id)
  return { sessions: sessions.map(({ by, insertedRanges, deletedRanges, markBounds }) => ({ by, insertedRanges, deletedRanges, markBounds })), people: await displayNames(p, sessions.map((x) => x.by)) }
}
