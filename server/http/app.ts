/**
 * The HTTP API (Hono): login, documents, sharing, export, health and
 * metrics. Errors are JSON `{ error: { code, message } }` with a Chinese
 * message, produced once in `onError`.
 */
import type * as Y from 'yjs'
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import { runChecks } from '@shared/checks/run-checks'
import { exportFormats, formatById } from '@shared/formats/registry'
import { emptyDocumentText } from '@shared/model/template'
import { metaOf, readContent, yearOf } from '@shared/model/y-document'
import { approvalBlockers } from '@shared/review/approval'
import { availableTransitions, checkTransition, mayEditDirectly, STATUS, STATUS_KEY, statusOf, type StatusRecord } from '@shared/review/workflow'
import { changeAuthors, diffDocuments, type DocumentDiff } from '@shared/history/document-diff'
import { restoreContent, withProjectFrom } from '@shared/history/restore-content'
import { withProjectsAdded } from '@shared/model/add-projects'
import { successorText } from '@shared/history/successor'
import { AUTOMATIC_VERSION, isAutomaticVersion } from '@shared/history/version-thinning'
import type { Comparison } from '@shared/protocol/http-api'
import { isSharedRole, type SharedRole } from '@shared/protocol/role'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../auth/access-token'
import { SESSION_COOKIE, type Authenticator } from '../auth/authenticate'
import { LoginThrottle } from '../auth/login-throttle'
import type { LoginFailureStore } from '../storage/login-failures'
import { HashingBusyError } from '../auth/password'
import { FilesBusyError, FileTooLargeError, type FileWorkers } from '../files/file-workers'
import { DocumentLimitError } from '@shared/model/document-limits'
import { isOrgRole, type Org, type OrgStore } from '../storage/org-store'
import { deadlineOf, departmentDeadlines, submissionDeadline, type SubmissionDeadline } from '../auth/submission-deadline'
import type { NotificationStore } from '../storage/notification-store'
import type { Notifier } from '../notifications/notifier'
import type { DocumentPermissions } from '../auth/document-permissions'
import type { DocumentService, ReviewSummary } from '../document-service'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { Logins } from '../auth/logins'
import type { Relay } from '../relay/relay'
import { SESSION_LIFETIME_MS, tokenSubject, type AccountStore, type User } from '../storage/account-store'
import type { DocumentLog, DocumentRecord } from '../storage/document-log'
import { StorageError } from '../storage/storage-error'
import { ApiError, badRequest, documentNotFound, forbidden, notLoggedIn } from './api-error'
import { bodyLimits, clientAddress, isLoopback, ownOrigin, sameOriginOnly, type RequestGuardOptions } from './request-guard'
import { apiRoutes } from './api-route'
import { csvFile } from './csv'
import { readImport } from './upload'
import { staticFiles } from './static-files'
import { syncRoutes } from './sync-route'

export interface AppServices {
  accounts: AccountStore
  orgs: OrgStore
  permissions: DocumentPermissions
  notifications: NotificationStore
  notifier: Notifier
  documents: DocumentLog
  logins: Logins
  service: DocumentService
  /** Reads uploaded files and writes exports in worker threads. */
  files: FileWorkers
  relay: Relay
  auth: Authenticator
  metrics: Metrics
  secret: Buffer
  guard: RequestGuardOptions
  /** Bearer token for /metrics from other machines; without one, /metrics answers loopback only. */
  metricsToken?: string | undefined
  loginFailures: LoginFailureStore
}

type Env = { Variables: { user: User } }

const MAX_TITLE_LENGTH = 200

/**
 * The policy the built client runs under: no inline script, nothing from
 * elsewhere, never framed. Inline styles stay allowed: the editor sets
 * style attributes (carets, column widths) and Tiptap injects its CSS.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

const MAX_NOTE_CHARS = 20_000

export function createApp(s: AppServices): Hono<Env> {
  const app = new Hono<Env>()
  const { route, created } = apiRoutes(app)

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message } }, error.status)
    if (error instanceof HashingBusyError) return c.json({ error: { code: 'busy', message: error.message } }, 503)
    if (error instanceof FilesBusyError) return c.json({ error: { code: error.code, message: error.message } }, 503)
    if (error instanceof FileTooLargeError) return c.json({ error: { code: error.code, message: error.message } }, 413)
    if (error instanceof DocumentLimitError) return c.json({ error: { code: error.code, message: error.message } }, 413)
    if (error instanceof StorageError) {
      log('error', 'storage-error', { path: c.req.path, code: error.code, error: error.message })
      return c.json({ error: { code: 'storage-failure', message: '服务器存储出错，请稍后重试' } }, 503)
    }
    log('error', 'internal-error', { path: c.req.path, stack: error.stack })
    return c.json({ error: { code: 'internal', message: '服务器内部错误' } }, 500)
  })
  app.notFound((c) => c.json({ error: { code: 'not-found', message: '没有这个地址' } }, 404))

  const throttle = new LoginThrottle(s.loginFailures)
  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: 'same-origin', crossOriginEmbedderPolicy: false }))
  app.use('/api/*', bodyLimits())
  app.use('/api/*', sameOriginOnly(s.guard))

  app.route('/', syncRoutes(s.relay, s.auth, s.metrics, s.guard))
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/metrics', (c) => {
    const bearer = c.req.header('authorization')
    const allowed = s.metricsToken ? bearer === `Bearer ${s.metricsToken}` : isLoopback(clientAddress(c, s.guard))
    if (!allowed) throw new ApiError(403, 'forbidden', '监控数据只对本机或持有监控令牌的请求开放')
    return c.text(s.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' })
  })
  app.route('/', staticFiles())

  route('POST /api/login', async (c) => {
    const body = await jsonBody<{ name?: unknown; password?: unknown }>(c)
    if (typeof body.name !== 'string' || typeof body.password !== 'string' || body.name.length > 100 || body.password.length > 1000) {
      throw badRequest('请输入用户名和密码')
    }
    const address = clientAddress(c, s.guard)
    const gate = await throttle.check(body.name, address, Date.now())
    if (!gate.ok) {
      c.header('Retry-After', String(Math.ceil(gate.retryAfterMs / 1000)))
      throw new ApiError(429, 'login-throttled', gate.message)
    }
    const user = await s.logins.authenticate(body.name, body.password)
    if (!user) {
      await throttle.failed(body.name, address, Date.now())
      log('warn', 'login-failed', { user: body.name, address })
      throw new ApiError(401, 'bad-credentials', '用户名或密码错误')
    }
    await throttle.succeeded(body.name)
    await startSession(c, user.id)
    return { user }
  })

  const startSession = async (c: Context<Env>, userId: number) =>
    setCookie(c, SESSION_COOKIE, await s.accounts.createSession(userId), {
      httpOnly: true,
      sameSite: 'Lax',
      // Over HTTPS (directly, or behind a trusted proxy that says so) the cookie never travels in clear.
      secure: ownOrigin(c, s.guard).startsWith('https:'),
      path: '/',
      maxAge: SESSION_LIFETIME_MS / 1000,
    })

  route('POST /api/logout', async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE)
    if (sessionId) {
      await s.accounts.endSession(sessionId)
      // Sockets opened with this login close now, on every instance, not at their next message.
      await s.relay.closeUnauthenticated({ publish: true })
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return { ok: true }
  })

  app.use('/api/*', async (c, next) => {
    const user = await s.auth.userOfSession(getCookie(c, SESSION_COOKIE))
    if (!user) throw notLoggedIn()
    c.set('user', user)
    await next()
  })

  route('GET /api/me', (c) => ({ user: c.get('user') }))

  /** One's own display name (姓名), as others see it in threads, suggestions and history. */
  route('PATCH /api/me', async (c) => {
    const body = await jsonBody<{ displayName?: unknown }>(c)
    const displayName = typeof body.displayName === 'string' ? body.displayName.trim() : ''
    if (!displayName || displayName.length > 50) throw badRequest('姓名不能为空，且不超过 50 个字')
    const user = c.get('user')
    await s.accounts.setDisplayName(user.name, displayName)
    return { user: { ...user, displayName } }
  })

  /**
   * One's own password, given the current one. Every other login and every
   * open connection of the account ends (on every instance); this browser
   * gets a new session and stays logged in.
   */
  route('POST /api/me/password', async (c) => {
    const body = await jsonBody<{ current?: unknown; next?: unknown }>(c)
    if (typeof body.current !== 'string' || typeof body.next !== 'string' || body.current.length > 1000 || body.next.length > 1000) throw badRequest('请输入当前密码和新密码')
    if (body.next.length < 8) throw badRequest('新密码至少 8 位')
    const user = c.get('user')
    if (!(await s.logins.authenticate(user.name, body.current))) throw new ApiError(403, 'bad-credentials', '当前密码不正确')
    await s.logins.setPassword(user.name, body.next)
    await s.relay.closeUnauthenticated({ publish: true })
    await startSession(c, user.id)
    return { ok: true }
  })

  /** An open document read from its live copy (its stored state changes with every keystroke: no stored reading of it lasts), any other as stored. */
  const liveOr = async <T,>(id: string, read: (live: Y.Doc) => T, stored: () => Promise<T>): Promise<T> => {
    const live = s.relay.loadedDocument(id)
    return live ? read(live) : stored()
  }

  route('GET /api/docs', async (c) => {
    const user = c.get('user')
    const roles = new Map((await s.permissions.rolesOfUser(user.id)).map((a) => [a.docId, a.role]))
    const mine = (await s.documents.list()).filter((d) => roles.has(d.id))
    const latest = await Promise.all(mine.map((d) => s.service.lastChange(d.id)))
    const names = await displayNames(latest.map((a) => a?.by ?? null))
    const docs = await Promise.all(
      mine.map(async (d, i) => {
        const last = latest[i]
        return {
          id: d.id,
          title: d.title,
          role: roles.get(d.id)!,
          owner: d.ownerId === user.id,
          ownerName: d.ownerId === null ? '' : ((await s.accounts.userById(d.ownerId))?.displayName ?? ''),
          createdAt: d.createdAt,
          lastChange: last ? { at: last.at, by: last.by === null ? null : (names[last.by] ?? last.by) } : null,
          status: await liveOr(d.id, statusOf, async () => (await s.service.status(d.id)).value),
        }
      }),
    )
    return { documents: docs }
  })

  /** The department a new document goes to: the one named (the caller must be its 管理员 or 编制人员), else none. */
  const ownDepartment = async (userId: number, requested: unknown): Promise<number | undefined> => {
    if (requested === undefined || requested === null) return undefined
    const org = typeof requested === 'number' ? await s.orgs.orgById(requested) : undefined
    const role = org && (await s.orgs.membershipsOf(userId)).find((m) => m.orgId === org.id)?.role
    if (org?.kind !== 'department' || (role !== 'admin' && role !== 'staff')) throw forbidden()
    return org.id
  }

  created('POST /api/docs', async (c) => {
    const user = c.get('user')
    const body = await jsonBody<{ title?: unknown; year?: unknown; org?: unknown }>(c)
    if (body.year !== undefined && !(Number.isInteger(body.year) && (body.year as number) >= 2000 && (body.year as number) <= 2100)) {
      throw badRequest('年度必须是 2000 到 2100 之间的整数')
    }
    if (body.title !== undefined && typeof body.title !== 'string') throw badRequest('文档名称必须是文字')
    const year = (body.year as number | undefined) ?? new Date().getFullYear() + 1
    const title = checkedTitle(body.title) || `${year}年部门预算绩效文本`
    const org = await ownDepartment(user.id, body.org)
    const id = await s.service.create(emptyDocumentText(year), { title, ownerId: user.id })
    await s.accounts.setRole(id, user.id, 'editor')
    if (org) await s.orgs.setDocumentOrg(id, org)
    await s.documents.record(id, [{ at: Date.now(), by: user.name, event: { kind: 'created' } }])
    return { id }
  })

  created('POST /api/docs/import', async (c) => {
    const user = c.get('user')
    const text = await readImport(c, s.files)
    const title = checkedTitle(c.req.query('title')) || text.subtitle || text.title || '导入的文档'
    const id = await s.service.create(text, { title, ownerId: user.id })
    await s.accounts.setRole(id, user.id, 'editor')
    await s.documents.record(id, [{ at: Date.now(), by: user.name, event: { kind: 'created' } }])
    return { id }
  })

  /** The document and the caller's role on it; 404 when they have none (do not reveal it exists). */
  const access = async (c: Context<Env>) => {
    const id = c.req.param('id') ?? ''
    const doc = await s.documents.get(id)
    const role = doc ? await s.permissions.roleOf(id, c.get('user').id) : undefined
    if (!doc || !role) throw documentNotFound()
    return { doc, role, isOwner: doc.ownerId === c.get('user').id }
  }

  route('PATCH /api/docs/:id', async (c) => {
    const { doc, role, isOwner } = await access(c)
    if (!isOwner && role !== 'editor') throw forbidden()
    const body = await jsonBody<{ title?: unknown }>(c)
    const title = typeof body.title === 'string' ? checkedTitle(body.title) : ''
    if (!title) throw badRequest('文档名称不能为空')
    await s.documents.rename(doc.id, title)
    return { ok: true }
  })

  route('DELETE /api/docs/:id', async (c) => {
    const { doc, isOwner } = await access(c)
    if (!isOwner) throw forbidden()
    await s.relay.closeDocument(doc.id)
    await s.documents.delete(doc.id)
    return { ok: true }
  })

  route('GET /api/docs/:id/members', async (c) => {
    const { doc } = await access(c)
    return { members: await s.accounts.membersOf(doc.id) }
  })

  /**
   * The owner shares by login name, as 编辑 or 只读 (审核 is the bureau's to give).
   * An unknown name is answered as a known one, so that nobody learns
   * which login names exist by sharing with them.
   */
  route('PUT /api/docs/:id/members/:name', async (c) => {
    const { doc, isOwner } = await access(c)
    if (!isOwner) throw forbidden()
    const body = await jsonBody<{ role?: unknown }>(c)
    const role: SharedRole | null = body.role === null ? null : sharedRole(body.role)
    const member = await s.accounts.userByName(c.req.param('name'))
    if (!member) return { ok: true }
    if (member.id === doc.ownerId && role !== 'editor') throw badRequest('文档所有者必须保留编辑权限')
    await s.accounts.setRole(doc.id, member.id, role)
    s.relay.setRole(doc.id, member.id, role)
    await s.documents.record(doc.id, [{ at: Date.now(), by: c.get('user').name, event: { kind: 'role', user: member.name, role } }])
    return { ok: true }
  })

  app.get('/api/docs/:id/export', async (c) => {
    const { doc } = await access(c)
    const format = c.req.query('format') ?? 'txt'
    const chosen = formatById(format)
    if (!chosen?.export) throw badRequest(`未知导出格式 ${format}；可选：${exportFormats().map((f) => f.id).join('、')}`)
    const tracked = c.req.query('suggestions') === 'tracked'
    if (tracked && !chosen.tracksChanges) throw badRequest(`${chosen.label}不能显示修订；请选择 Word 文档，或导出不含修订的定稿`)
    // Written in a worker: the Word writer takes seconds and a gigabyte for a document of 1,000 projects.
    const names = tracked ? await peopleOf(doc.id) : {}
    const body = await s.files.write(await s.service.exportedText(doc.id, tracked), chosen.id, { tracked, names })
    return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
      'Content-Type': chosen.mime,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${doc.title}.${chosen.extensions[0]!}`)}`,
    })
  })

  route('GET /api/docs/:id/workflow', async (c) => {
    const { doc, role } = await access(c)
    const status = await s.service.status(doc.id)
    return { status, actions: availableTransitions(status.value, role).map(({ action, label }) => ({ action, label })) }
  })

  route('POST /api/docs/:id/workflow', async (c) => {
    const { doc, role } = await access(c)
    const user = c.get('user')
    const body = await jsonBody<{ action?: unknown; note?: unknown }>(c)
    if (typeof body.action !== 'string') throw badRequest('请指定流程操作')
    if (body.note !== undefined && body.note !== null && typeof body.note !== 'string') throw badRequest('意见必须是文字')
    const note = typeof body.note === 'string' ? body.note.trim() : ''
    // A drafted 审核意见 with its changes per project runs to a few thousand characters.
    if (note.length > MAX_NOTE_CHARS) throw badRequest(`意见不能超过 ${MAX_NOTE_CHARS} 个字`)
    // Flush what clients sent so far: the conditions are judged on the document as everyone last saw it.
    await s.relay.flush()
    const blockers = body.action === 'approve' ? approvalBlockers(await s.service.approvalState(doc.id)) : []
    const current = (await s.service.status(doc.id)).value
    const result = checkTransition(current, body.action, role, { note, blockers })
    if (!result.ok) throw new ApiError(result.code === 'note-required' ? 422 : 409, `workflow-${result.code}`, result.reason)
    const record: StatusRecord = { value: result.transition.to, by: user.name, at: Date.now(), ...(note ? { note } : {}) }
    await s.relay.applyServerChange(doc.id, (ydoc) => metaOf(ydoc).set(STATUS_KEY, record))
    const overridden = blockers.length > 0 ? `（未满足：${blockers.join('；')}）` : ''
    const name = `${result.transition.label}（${user.displayName}）`
    await s.documents.saveVersion(doc.id, { name, status: record.value, byUser: user.name, createdAt: record.at, note: note ? `${note}${overridden}` : '' })
    const step = { kind: 'workflow', action: result.transition.label, from: current, to: record.value, ...(note ? { note } : {}) } as const
    await s.documents.record(doc.id, [{ at: record.at, by: user.name, event: step }])
    await s.notifier.workflowStep(doc.id, result.transition.action, result.transition.label, user.id, note)
    log('info', 'workflow', { docId: doc.id, user: user.name, action: result.transition.action, to: record.value, ...(overridden ? { overridden: blockers } : {}) })
    return { status: record }
  })

  /** A named version anyone with edit rights may keep ("提交前的稿子"): the document as stored now. */
  created('POST /api/docs/:id/versions', async (c) => {
    const { doc, role } = await access(c)
    const user = c.get('user')
    if (role !== 'editor') throw forbidden()
    const body = await jsonBody<{ name?: unknown }>(c)
    const name = typeof body.name === 'string' ? body.name.trim() : ''
    if (!name || name.length > 100) throw badRequest('版本名称不能为空，且不超过 100 个字')
    if (isAutomaticVersion(name)) throw badRequest(`“${AUTOMATIC_VERSION}”留给自动版本，请换一个名称`)
    await s.relay.flush()
    const status = (await s.service.status(doc.id)).value
    const at = Date.now()
    const id = await s.documents.saveVersion(doc.id, { name: `${name}（${user.displayName}）`, status, byUser: user.name, createdAt: at, note: '' })
    await s.documents.record(doc.id, [{ at, by: user.name, event: { kind: 'version', name, versionId: id } }])
    return { version: { id } }
  })

  route('GET /api/docs/:id/versions', async (c) => {
    const { doc } = await access(c)
    return { versions: await s.documents.versions(doc.id) }
  })

  /**
   * What changed between two versions, or a version and now: `from` is a
   * version id or `last-return` (the latest 退回修改: "what they changed
   * since I returned it"); `to` a version id or `now` (the default).
   */
  route('GET /api/docs/:id/compare', async (c) => {
    const { doc } = await access(c)
    const versions = await s.documents.versions(doc.id)
    const pick = (param: string | undefined, name: string) => {
      if (param === 'last-return') {
        const found = versions.filter((v) => v.status === STATUS.returned).at(-1)
        if (!found) throw new ApiError(404, 'version-not-found', '这份文档还没有被退回过')
        return found
      }
      const versionId = Number(param)
      if (!param || !Number.isInteger(versionId)) throw badRequest(`${name} 必须是版本编号${name === 'from' ? '或 last-return' : '或 now'}`)
      const found = versions.find((v) => v.id === versionId)
      if (!found) throw new ApiError(404, 'version-not-found', `没有这个版本：${param}`)
      return found
    }
    const toParam = c.req.query('to') ?? 'now'
    const to = toParam === 'now' ? null : pick(toParam, 'to')
    const after = (await s.service.attributedText(doc.id, to ?? undefined))!
    const compared = async (from: Comparison['from'], diff: DocumentDiff): Promise<Comparison> => ({ from, to: to ?? 'now', diff, people: await displayNames(changeAuthors(diff)) })
    if (c.req.query('from') === 'predecessor') {
      // 与上一年度对比: last year's document as it is now, if the caller may read it.
      const predecessor = await s.service.predecessorOf(doc.id)
      const record = predecessor ? await s.documents.get(predecessor) : undefined
      if (!record || !(await s.permissions.roleOf(record.id, c.get('user').id))) throw new ApiError(404, 'version-not-found', '这份文档不是由上一年度的文档生成的，或你无权查看上一年度的文档')
      return compared({ document: record.id, name: record.title }, diffDocuments(await s.service.text(record.id), after.text, after.authors))
    }
    const from = pick(c.req.query('from'), 'from')
    return compared(from, diffDocuments((await s.service.versionText(doc.id, from.id))!, after.text, after.authors))
  })

  /**
   * The document, for a change staff make on the server's side (a restore,
   * an import): the caller must be an editor and the workflow must let staff
   * edit, judged after what clients sent so far is stored.
   */
  const editableNow = async (c: Context<Env>, doing: string) => {
    const { doc, role } = await access(c)
    if (role !== 'editor') throw forbidden()
    await s.relay.flush()
    const status = (await s.service.status(doc.id)).value
    if (!mayEditDirectly(status)) throw new ApiError(409, 'workflow-forbids', `文档${status}，退回修改后才能${doing}`)
    return { doc, user: c.get('user'), status }
  }

  /**
   * 恢复此版本: the version's content becomes the document's again, as a
   * new change by the server on top (relayed and stored like any other),
   * by staff while they may edit; the step is kept as a version itself.
   */
  route('POST /api/docs/:id/versions/:version/restore', async (c) => {
    const { doc, user, status } = await editableNow(c, '恢复版本')
    const body = await jsonBody<{ project?: { code?: unknown; name?: unknown } }>(c)
    const project = body.project === undefined ? null : { code: String(body.project?.code ?? ''), name: String(body.project?.name ?? '') }
    if (project && !project.code.trim() && !project.name.trim()) throw badRequest('请指定要恢复的项目（项目编码或项目名称）')
    const version = (await s.documents.versions(doc.id)).find((v) => String(v.id) === c.req.param('version'))
    const content = version && (await s.service.versionContent(doc.id, version.id))
    if (!version || !content) throw new ApiError(404, 'version-not-found', '没有这个版本')
    if (project && !withProjectFrom(content, content, project)) throw new ApiError(404, 'project-not-found', `版本「${version.name}」中没有项目「${project.name || project.code}」`)
    // The target is made from the document as the room holds it, so an edit elsewhere that arrived meanwhile stays.
    await s.relay.applyServerChange(doc.id, (ydoc) => restoreContent(ydoc, project ? withProjectFrom(readContent(ydoc), content, project)! : content), user.name)
    const what = project ? `项目「${project.name || project.code}」` : ''
    const name = `恢复${what}到「${version.name}」（${user.displayName}）`
    const at = Date.now()
    const id = await s.documents.saveVersion(doc.id, { name, status, byUser: user.name, createdAt: at, note: '' })
    await s.documents.record(doc.id, [{ at, by: user.name, event: { kind: 'restore', name: version.name, versionId: version.id, ...(project ? { project: project.name || project.code } : {}) } }])
    log('info', 'version-restored', { docId: doc.id, user: user.name, version: version.id })
    return { version: { id, name } }
  })

  /**
   * 导入项目表: the projects of an uploaded file (a whole document's, or a
   * project's form on its own) added after this document's last project,
   * as one change by the caller — staff, while they may edit.
   */
  route('POST /api/docs/:id/projects/import', async (c) => {
    const { doc, user } = await editableNow(c, '导入项目')
    const { projects } = await readImport(c, s.files)
    if (projects.length === 0) throw new ApiError(422, 'import-no-projects', '文件中没有绩效目标表')
    await s.relay.applyServerChange(doc.id, (ydoc) => restoreContent(ydoc, withProjectsAdded(readContent(ydoc), projects)), user.name)
    return { added: projects.map((p) => p.name) }
  })

  /** 以此为底稿新建下一年度: a new document for `year` (default: the next), its staff and reviewers carried over, linked to this one. */
  created('POST /api/docs/:id/successor', async (c) => {
    const { doc, role } = await access(c)
    if (role !== 'editor') throw forbidden()
    const body = await jsonBody<{ year?: unknown; keepBudget?: unknown }>(c)
    if (body.year !== undefined && !(Number.isInteger(body.year) && (body.year as number) >= 2000 && (body.year as number) <= 2100)) {
      throw badRequest('年度必须是 2000 到 2100 之间的整数')
    }
    const result = successorText(await s.service.text(doc.id), { ...(body.year !== undefined ? { year: body.year as number } : {}), keepBudget: body.keepBudget === true })
    if (!result.ok) throw new ApiError(422, 'successor-invalid', result.reason)
    const title = doc.title.replaceAll(String(result.from), String(result.year))
    const id = await s.service.create(result.text, { title, ownerId: c.get('user').id, predecessor: doc.id })
    for (const member of await s.accounts.membersOf(doc.id)) {
      const user = await s.accounts.userByName(member.name)
      if (user) await s.accounts.setRole(id, user.id, member.role)
    }
    await s.accounts.setRole(id, c.get('user').id, 'editor')
    await s.documents.record(id, [{ at: Date.now(), by: c.get('user').name, event: { kind: 'created', from: { docId: doc.id, title: doc.title } } }])
    return { id, title }
  })

  /** What happened to the document, newest first, with the display name of everyone it names. */
  route('GET /api/docs/:id/activity', async (c) => {
    const { doc } = await access(c)
    const activity = await s.service.activity(doc.id)
    return { activity, people: await displayNames(activity.flatMap((a) => [a.by, ...(a.kind === 'role' ? [a.user] : []), ...(a.kind === 'suggestions' ? a.authors : [])])) }
  })

  /** Display names of everyone the document names: its members and whoever acted on it (a former reviewer's comments keep their name). */
  const peopleOf = async (docId: string): Promise<Record<string, string>> => {
    const [members, actors] = await Promise.all([s.accounts.membersOf(docId), s.service.actors(docId)])
    return { ...(await displayNames(actors)), ...Object.fromEntries(members.map((m) => [m.name, m.displayName])) }
  }

  route('GET /api/docs/:id/people', async (c) => {
    const { doc } = await access(c)
    return { people: await peopleOf(doc.id) }
  })

  /** The edit sessions' id ranges, for the editor to show who last changed each paragraph and cell of its own copy. */
  route('GET /api/docs/:id/authorship', async (c) => {
    const { doc } = await access(c)
    const sessions = await s.service.editSessions(doc.id)
    return { sessions: sessions.map(({ by, insertedRanges, deletedRanges }) => ({ by, insertedRanges, deletedRanges })), people: await displayNames(sessions.map((x) => x.by)) }
  })

  /**
   * One row per document of the given departments (the queue's, the
   * dashboard's): the department's deadlines are read once, each
   * document's summary once.
   */
  const departmentRows = async <Row,>(
    departments: readonly Org[],
    row: (department: Org, doc: DocumentRecord, summary: ReviewSummary, deadline: SubmissionDeadline | null) => Promise<Row>,
  ): Promise<Row[]> => {
    const perDepartment = await Promise.all(
      departments.map(async (department) => {
        const [ids, deadlines] = await Promise.all([s.orgs.documentsOf(department.id), departmentDeadlines(s.orgs, department.id)])
        const docs = (await Promise.all(ids.map((id) => s.documents.get(id)))).filter((d) => d !== undefined)
        return Promise.all(
          docs.map(async (doc) => {
            const summary = await s.service.reviewSummary(doc.id)
            return row(department, doc, summary, deadlineOf(deadlines, summary.year, summary.status.value))
          }),
        )
      }),
    )
    return perDepartment.flat()
  }

  /**
   * 审核队列, for finance reviewers: every document of the departments
   * they are assigned, with its department, status, who submitted it and
   * when, the money, the findings and the review work still open, and how
   * long it has waited. `status` filters; `sort` is waiting (default),
   * department or findings.
   */
  route('GET /api/queue', async (c) => {
    const user = c.get('user')
    const assignments = await s.orgs.assignments({ userId: user.id })
    const departments = (await Promise.all(assignments.map((a) => s.orgs.orgById(a.departmentOrgId)))).filter((d) => d !== undefined)
    const rows = await departmentRows(departments, async (department, doc, summary, deadline) => {
      const submitted = (await s.documents.versions(doc.id)).filter((v) => v.status === STATUS.submitted).at(-1)
      const waiting = submitted && (summary.status.value === STATUS.submitted || summary.status.value === STATUS.reviewing) ? Math.floor((Date.now() - submitted.createdAt) / 86_400_000) : null
      return {
        id: doc.id,
        title: doc.title,
        departmentOrg: department.name,
        deadline,
        ...summary,
        submitted: submitted ? { by: submitted.byUser, at: submitted.createdAt } : null,
        daysWaiting: waiting,
      }
    })
    const status = c.req.query('status')
    const sort = c.req.query('sort') ?? 'waiting'
    const queue = rows.filter((r) => !status || r.status.value === status)
    queue.sort((a, b) =>
      sort === 'department' ? a.departmentOrg.localeCompare(b.departmentOrg, 'zh')
      : sort === 'findings' ? b.findings.error - a.findings.error || b.findings.warning - a.findings.warning
      : (b.daysWaiting ?? -1) - (a.daysWaiting ?? -1),
    )
    return { queue, people: await displayNames(queue.map((r) => r.submitted?.by ?? null)) }
  })

  /**
   * The bureau's dashboard (and a department 管理员's, for their own): per
   * department, each document's status, last change, money, findings and
   * approval date; totals per year across departments. `.csv` gives the
   * same rows for a spreadsheet (UTF-8 with BOM, as Excel opens it).
   */
  const dashboard = async (userId: number) => {
    const memberships = await s.orgs.membershipsOf(userId)
    const all = await s.orgs.orgs()
    const inBureau = memberships.some((m) => all.find((o) => o.id === m.orgId)?.kind === 'finance')
    const departments = all.filter((o) => o.kind === 'department' && (inBureau || memberships.some((m) => m.orgId === o.id && m.role === 'admin')))
    const rows = await departmentRows(departments, async (department, doc, summary, deadline) => {
      const [versions, last] = await Promise.all([s.documents.versions(doc.id), s.service.lastChange(doc.id)])
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
        errors: summary.findings.error,
        warnings: summary.findings.warning,
        approvedAt: summary.status.value === STATUS.approved ? (approved?.createdAt ?? null) : null,
      }
    })
    const years = new Map<string, { total: number; documents: number; approved: number }>()
    for (const row of rows) {
      const year = String(row.year ?? '未注明')
      const y = years.get(year) ?? { total: 0, documents: 0, approved: 0 }
      years.set(year, { total: Math.round((y.total + row.total) * 100) / 100, documents: y.documents + 1, approved: y.approved + (row.approvedAt ? 1 : 0) })
    }
    return { rows, byYear: [...years].map(([year, totals]) => ({ year, ...totals })) }
  }

  route('GET /api/dashboard', (c) => dashboard(c.get('user').id))

  app.get('/api/dashboard.csv', async (c) => {
    const { rows } = await dashboard(c.get('user').id)
    const when = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : '')
    const lines = [
      ['部门', '文档', '年度', '状态', '最后修改', '预算合计（万元）', '错误', '警告', '审核通过日期'],
      ...rows.map((r) => [r.department, r.title, r.year ?? '', r.status, when(r.lastChange), r.total.toFixed(2), r.errors, r.warnings, when(r.approvedAt)]),
    ]
    return c.body(csvFile(lines), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('绩效目标汇总.csv')}`,
    })
  })

  /** The organisation and the caller's role in it; 404 unless they belong to it (do not reveal it exists). */
  const membership = async (c: Context<Env>) => {
    const org = await s.orgs.orgById(Number(c.req.param('id')))
    const role = org && (await s.orgs.membershipsOf(c.get('user').id)).find((m) => m.orgId === org.id)?.role
    if (!org || !role) throw new ApiError(404, 'org-not-found', '没有这个组织，或你不是它的成员')
    return { org, role }
  }

  /** A login name people can type and read: lower-case letters first, then letters, digits, '.', '_' or '-'. */
  const LOGIN_NAME = /^[a-z][a-z0-9._-]{1,31}$/
  const newPassword = (value: unknown): string => {
    if (typeof value !== 'string' || value.length < 8 || value.length > 1000) throw badRequest('密码至少 8 位')
    return value
  }
  const memberRole = (org: { kind: string }, value: unknown) => {
    if (!isOrgRole(value) || value === (org.kind === 'finance' ? 'staff' : 'reviewer')) throw badRequest(org.kind === 'finance' ? '财政局的成员角色是管理员或审核人员' : '部门的成员角色是管理员或编制人员')
    return value
  }

  route('GET /api/orgs/:id/members', async (c) => {
    const { org } = await membership(c)
    return { members: await s.orgs.members(org.id), assignments: org.kind === 'finance' ? await s.orgs.assignments({ financeOrgId: org.id }) : [] }
  })

  /** An organisation's 管理员 sets who belongs and as what (department: admin/staff; finance: admin/reviewer). */
  route('PUT /api/orgs/:id/members/:name', async (c) => {
    const { org, role } = await membership(c)
    if (role !== 'admin') throw forbidden()
    const body = await jsonBody<{ role?: unknown }>(c)
    const next = body.role === null ? null : memberRole(org, body.role)
    const user = await s.accounts.userByName(c.req.param('name'))
    if (!user) throw new ApiError(404, 'user-not-found', '没有这个用户')
    if (user.id === c.get('user').id && next !== 'admin') throw badRequest('不能取消自己的管理员身份：请另一位管理员操作')
    await s.orgs.setMember(org.id, user.id, next)
    return { ok: true }
  })

  /** An organisation's 管理员 opens an account for a new colleague, who joins the organisation at once. */
  created('POST /api/orgs/:id/users', async (c) => {
    const { org, role } = await membership(c)
    if (role !== 'admin') throw forbidden()
    const body = await jsonBody<{ name?: unknown; displayName?: unknown; password?: unknown; role?: unknown }>(c)
    const name = typeof body.name === 'string' ? body.name.trim() : ''
    if (!LOGIN_NAME.test(name)) throw badRequest('登录名用 2–32 位小写字母、数字、“.”“_”“-”，以字母开头，如 wangfang')
    const displayName = typeof body.displayName === 'string' ? body.displayName.trim() : ''
    if (!displayName || displayName.length > 50) throw badRequest('姓名不能为空，且不超过 50 个字')
    const password = newPassword(body.password)
    const next = memberRole(org, body.role)
    if (await s.accounts.userByName(name)) throw new ApiError(409, 'user-exists', `登录名 ${name} 已被使用：如是同一人，请用“添加已有用户”`)
    const user = await s.logins.addUser(name, password, displayName)
    await s.orgs.setMember(org.id, user.id, next)
    return { user: { name: user.name, displayName: user.displayName, role: next } }
  })

  /**
   * An organisation's 管理员 sets a forgotten password — only for someone who
   * belongs to no organisation the 管理员 does not manage, so that no admin
   * can take over another organisation's account. Their logins and
   * connections end.
   */
  route('POST /api/orgs/:id/members/:name/password', async (c) => {
    const { org, role } = await membership(c)
    if (role !== 'admin') throw forbidden()
    const password = newPassword((await jsonBody<{ password?: unknown }>(c)).password)
    const user = await s.accounts.userByName(c.req.param('name'))
    const theirs = user ? await s.orgs.membershipsOf(user.id) : []
    if (!user || !theirs.some((m) => m.orgId === org.id)) throw new ApiError(404, 'user-not-found', '本组织没有这个成员')
    const managed = new Set((await s.orgs.membershipsOf(c.get('user').id)).filter((m) => m.role === 'admin').map((m) => m.orgId))
    if (theirs.some((m) => !managed.has(m.orgId))) throw new ApiError(403, 'other-org-member', '此人也属于你不管理的组织：请由那里的管理员或系统管理员重置密码')
    await s.logins.setPassword(user.name, password)
    await s.relay.closeUnauthenticated({ publish: true })
    return { ok: true }
  })

  /** A document's 报送 deadline (null: none set), for the banner staff see. */
  route('GET /api/docs/:id/deadline', async (c) => {
    const { doc } = await access(c)
    const { year, status } = await liveOr(doc.id, (live) => ({ year: yearOf(live), status: statusOf(live) }), () => s.service.yearAndStatus(doc.id))
    return { deadline: await submissionDeadline(s.orgs, doc.id, year, status) }
  })

  /** The bureau's 管理员 sets the 报送 deadline for a budget year (`date` YYYY-MM-DD, the end of that day in China; null removes it). */
  route('PUT /api/orgs/:id/deadlines', async (c) => {
    const { org, role } = await membership(c)
    if (org.kind !== 'finance' || role !== 'admin') throw forbidden()
    const body = await jsonBody<{ year?: unknown; date?: unknown }>(c)
    if (!Number.isInteger(body.year)) throw badRequest('请指定年度')
    const dueAt = body.date === null ? null : typeof body.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.date) ? Date.parse(`${body.date}T23:59:59+08:00`) : NaN
    if (dueAt !== null && Number.isNaN(dueAt)) throw badRequest('日期格式应为 YYYY-MM-DD')
    await s.orgs.setDeadline(org.id, body.year as number, dueAt)
    return { ok: true }
  })

  /** The bureau's 管理员 assigns its reviewers to departments. */
  route('PUT /api/orgs/:id/assignments', async (c) => {
    const { org, role } = await membership(c)
    if (org.kind !== 'finance' || role !== 'admin') throw forbidden()
    const body = await jsonBody<{ department?: unknown; reviewer?: unknown; assigned?: unknown }>(c)
    const department = typeof body.department === 'string' ? await s.orgs.orgByName(body.department) : undefined
    const reviewer = typeof body.reviewer === 'string' ? await s.accounts.userByName(body.reviewer) : undefined
    if (department?.kind !== 'department') throw badRequest('请指定部门名称')
    if (!reviewer || !(await s.orgs.membershipsOf(reviewer.id)).some((m) => m.orgId === org.id)) throw badRequest('审核人员必须是本财政局的成员')
    await s.orgs.setAssignment({ financeOrgId: org.id, departmentOrgId: department.id, userId: reviewer.id }, body.assigned !== false)
    return { ok: true }
  })

  /** The bell: one's notifications, newest first, and how many are unread. */
  route('GET /api/notifications', async (c) => {
    const user = c.get('user')
    const [notices, unread] = await Promise.all([s.notifications.list(user.id), s.notifications.unreadCount(user.id)])
    return { notifications: notices, unread }
  })

  /** Marks notifications read: the ones given, or all. */
  route('POST /api/notifications/read', async (c) => {
    const body = await jsonBody<{ ids?: unknown }>(c)
    const ids = Array.isArray(body.ids) ? body.ids.filter((id): id is number => Number.isInteger(id)) : undefined
    await s.notifications.markRead(c.get('user').id, ids)
    return { ok: true }
  })

  /** The organisations one belongs to, with one's role in each. */
  route('GET /api/orgs', async (c) => {
    const memberships = await s.orgs.membershipsOf(c.get('user').id)
    const orgs = await Promise.all(memberships.map(async (m) => ({ ...(await s.orgs.orgById(m.orgId))!, role: m.role })))
    return { orgs }
  })

  /** Login name → display name for the names given (unknown names are left out). */
  const displayNames = async (names: (string | null)[]): Promise<Record<string, string>> => {
    const unique = [...new Set(names.filter((n): n is string => !!n))]
    const users = await Promise.all(unique.map((name) => s.accounts.userByName(name)))
    return Object.fromEntries(users.flatMap((u) => (u ? [[u.name, u.displayName]] : [])))
  }

  route('GET /api/docs/:id/checks', async (c) => {
    const { doc } = await access(c)
    return { findings: runChecks(await s.service.text(doc.id)) }
  })

  route('GET /api/docs/:id/token', async (c) => {
    const { doc } = await access(c)
    const subject = await tokenSubject(s.accounts, c.get('user').name)
    if (!subject) throw notLoggedIn()
    const token = issueToken(s.secret, { ...subject, doc: doc.id, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS })
    return { token }
  })

  return app
}

/** A title as typed, trimmed; '' when empty. Throws 400 when too long. */
function checkedTitle(title: unknown): string {
  if (typeof title !== 'string') return ''
  const trimmed = title.trim()
  if (trimmed.length > MAX_TITLE_LENGTH) throw badRequest(`文档名称不能超过 ${MAX_TITLE_LENGTH} 个字`)
  return trimmed
}

function sharedRole(value: unknown): SharedRole {
  if (value === 'reviewer') throw new ApiError(422, 'reviewer-not-shared', '审核权限由财政局分配，不能通过共享授予：请选择“编辑”或“只读”')
  if (!isSharedRole(value)) throw badRequest('权限必须是 editor（编辑）、viewer（只读），或 null（取消权限）')
  return value
}

async function jsonBody<T>(c: Context): Promise<Partial<T>> {
  try {
    const body: unknown = await c.req.json()
    return typeof body === 'object' && body !== null ? (body as Partial<T>) : {}
  } catch {
    throw badRequest('请求内容不是有效的 JSON')
  }
}
