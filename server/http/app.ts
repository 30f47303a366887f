/**
 * The HTTP API (Hono): login, documents, sharing, export, health and
 * metrics. Errors are JSON `{ error: { code, message } }` with a Chinese
 * message, produced once in `onError`.
 */
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { runChecks } from '@shared/checks/run-checks'
import { importPublishedText } from '@shared/formats/published-text/import'
import { emptyDocumentText } from '@shared/model/template'
import { metaOf } from '@shared/model/y-document'
import { approvalBlockers } from '@shared/review/approval'
import { availableTransitions, checkTransition, STATUS_KEY, type StatusRecord } from '@shared/review/workflow'
import { isRole, type Role } from '@shared/protocol/role'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../auth/access-token'
import { SESSION_COOKIE, type Authenticator } from '../auth/authenticate'
import { EXPORT_FORMATS, type DocumentService, type ExportFormat } from '../document-service'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { Relay } from '../relay/relay'
import type { AccountStore, User } from '../storage/account-store'
import { SESSION_LIFETIME_MS } from '../storage/account-store'
import type { DocumentStore } from '../storage/document-store'
import { StorageError } from '../storage/storage-error'
import { ApiError, badRequest, documentNotFound, forbidden, notLoggedIn } from './api-error'
import { staticFiles } from './static-files'
import { syncRoutes } from './sync-route'

export interface AppServices {
  accounts: AccountStore
  documents: DocumentStore
  service: DocumentService
  relay: Relay
  auth: Authenticator
  metrics: Metrics
  secret: Buffer
}

type Env = { Variables: { user: User } }

const MAX_IMPORT_BYTES = 16 * 1024 * 1024

export function createApp(s: AppServices): Hono<Env> {
  const app = new Hono<Env>()

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message } }, error.status)
    if (error instanceof StorageError) {
      log('error', 'storage-error', { path: c.req.path, code: error.code, error: error.message })
      return c.json({ error: { code: 'storage-failure', message: '服务器存储出错，请稍后重试' } }, 503)
    }
    log('error', 'internal-error', { path: c.req.path, stack: error.stack })
    return c.json({ error: { code: 'internal', message: '服务器内部错误' } }, 500)
  })
  app.notFound((c) => c.json({ error: { code: 'not-found', message: '没有这个地址' } }, 404))

  app.route('/', syncRoutes(s.relay, s.auth, s.metrics))
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/metrics', (c) => c.text(s.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }))
  app.route('/', staticFiles())

  app.post('/api/login', async (c) => {
    const body = await jsonBody<{ name?: unknown; password?: unknown }>(c)
    if (typeof body.name !== 'string' || typeof body.password !== 'string') throw badRequest('请输入用户名和密码')
    const user = await s.accounts.authenticate(body.name, body.password)
    if (!user) throw new ApiError(401, 'bad-credentials', '用户名或密码错误')
    setCookie(c, SESSION_COOKIE, s.accounts.createSession(user.id), {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: SESSION_LIFETIME_MS / 1000,
    })
    return c.json({ user })
  })

  app.post('/api/logout', (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE)
    if (sessionId) s.accounts.endSession(sessionId)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })

  app.use('/api/*', async (c, next) => {
    const user = s.auth.userOfSession(getCookie(c, SESSION_COOKIE))
    if (!user) throw notLoggedIn()
    c.set('user', user)
    await next()
  })

  app.get('/api/me', (c) => c.json({ user: c.get('user') }))

  app.get('/api/docs', (c) => {
    const user = c.get('user')
    const roles = new Map(s.accounts.rolesOfUser(user.id).map((a) => [a.docId, a.role]))
    const docs = s.documents
      .list()
      .filter((d) => roles.has(d.id))
      .map((d) => ({ id: d.id, title: d.title, role: roles.get(d.id)!, owner: d.ownerId === user.id, createdAt: d.createdAt, status: s.service.status(d.id).value }))
    return c.json({ documents: docs })
  })

  app.post('/api/docs', async (c) => {
    const user = c.get('user')
    const body = await jsonBody<{ title?: unknown; year?: unknown }>(c)
    const year = typeof body.year === 'number' ? body.year : new Date().getFullYear() + 1
    const title = typeof body.title === 'string' && body.title.trim() ? body.title.trim() : `${year}年部门预算绩效文本`
    const id = s.service.create(emptyDocumentText(year), { title, ownerId: user.id })
    s.accounts.setRole(id, user.id, 'editor')
    return c.json({ id }, 201)
  })

  app.post('/api/docs/import', async (c) => {
    const user = c.get('user')
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.length > MAX_IMPORT_BYTES) throw new ApiError(413, 'too-large', '文件太大（上限 16 MiB）')
    const result = importPublishedText(bytes)
    if (!result.ok) throw new ApiError(422, `import-${result.error.code}`, result.error.message)
    const title = c.req.query('title')?.trim() || result.value.subtitle || result.value.title || '导入的文档'
    const id = s.service.create(result.value, { title, ownerId: user.id })
    s.accounts.setRole(id, user.id, 'editor')
    return c.json({ id }, 201)
  })

  /** The document and the caller's role on it; 404 when they have none (do not reveal it exists). */
  const access = (c: Context<Env>) => {
    const id = c.req.param('id') ?? ''
    const doc = s.documents.get(id)
    const role = doc ? s.accounts.roleOf(id, c.get('user').id) : undefined
    if (!doc || !role) throw documentNotFound()
    return { doc, role, isOwner: doc.ownerId === c.get('user').id }
  }

  app.patch('/api/docs/:id', async (c) => {
    const { doc, role, isOwner } = access(c)
    if (!isOwner && role !== 'editor') throw forbidden()
    const body = await jsonBody<{ title?: unknown }>(c)
    if (typeof body.title !== 'string' || !body.title.trim()) throw badRequest('文档名称不能为空')
    s.documents.rename(doc.id, body.title.trim())
    return c.json({ ok: true })
  })

  app.delete('/api/docs/:id', (c) => {
    const { doc, isOwner } = access(c)
    if (!isOwner) throw forbidden()
    s.relay.closeDocument(doc.id)
    s.documents.delete(doc.id)
    return c.json({ ok: true })
  })

  app.get('/api/docs/:id/members', (c) => {
    const { doc } = access(c)
    return c.json({ members: s.accounts.membersOf(doc.id) })
  })

  app.put('/api/docs/:id/members/:name', async (c) => {
    const { doc, isOwner } = access(c)
    if (!isOwner) throw forbidden()
    const member = s.accounts.userByName(c.req.param('name'))
    if (!member) throw new ApiError(404, 'user-not-found', '没有这个用户')
    const body = await jsonBody<{ role?: unknown }>(c)
    const role: Role | null = body.role === null ? null : isRole(body.role) ? body.role : invalidRole()
    if (member.id === doc.ownerId && role !== 'editor') throw badRequest('文档所有者必须保留编辑权限')
    s.accounts.setRole(doc.id, member.id, role)
    s.relay.setRole(doc.id, member.id, role)
    return c.json({ ok: true })
  })

  app.get('/api/docs/:id/export', (c) => {
    const { doc } = access(c)
    const format = c.req.query('format') ?? 'txt'
    if (!(format in EXPORT_FORMATS)) throw badRequest(`未知导出格式 ${format}`)
    if (EXPORT_FORMATS[format as ExportFormat] !== 'ready') throw new ApiError(501, 'format-not-ready', `导出格式 ${format} 尚未实现`)
    const file = s.service.export(doc.id, format as ExportFormat)
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${doc.title}.${file.extension}`)}`,
    })
  })

  app.get('/api/docs/:id/workflow', (c) => {
    const { doc, role } = access(c)
    const status = s.service.status(doc.id)
    return c.json({ status, actions: availableTransitions(status.value, role).map(({ action, label }) => ({ action, label })) })
  })

  app.post('/api/docs/:id/workflow', async (c) => {
    const { doc, role } = access(c)
    const user = c.get('user')
    const body = await jsonBody<{ action?: unknown; note?: unknown }>(c)
    const note = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : ''
    // Flush what clients sent so far: the conditions are judged on the document as everyone last saw it.
    s.relay.flush()
    const blockers = body.action === 'approve' ? approvalBlockers(s.service.approvalState(doc.id)) : []
    const result = checkTransition(s.service.status(doc.id).value, String(body.action), role, { note, blockers })
    if (!result.ok) throw new ApiError(result.code === 'note-required' ? 422 : 409, `workflow-${result.code}`, result.reason)
    const record: StatusRecord = { value: result.transition.to, by: user.name, at: Date.now(), ...(note ? { note } : {}) }
    s.relay.applyServerChange(doc.id, (ydoc) => metaOf(ydoc).set(STATUS_KEY, record))
    const overridden = blockers.length > 0 ? `（未满足：${blockers.join('；')}）` : ''
    const name = `${result.transition.label}（${user.displayName}）`
    s.documents.saveVersion(doc.id, { name, status: record.value, byUser: user.name, createdAt: record.at, note: note ? `${note}${overridden}` : '' }, s.documents.encodeState(doc.id))
    log('info', 'workflow', { docId: doc.id, user: user.name, action: result.transition.action, to: record.value, ...(overridden ? { overridden: blockers } : {}) })
    return c.json({ status: record })
  })

  app.get('/api/docs/:id/versions', (c) => {
    const { doc } = access(c)
    return c.json({ versions: s.documents.versions(doc.id) })
  })

  app.get('/api/docs/:id/checks', (c) => {
    const { doc } = access(c)
    return c.json({ findings: runChecks(s.service.text(doc.id)) })
  })

  app.get('/api/docs/:id/token', (c) => {
    const { doc } = access(c)
    const token = issueToken(s.secret, { sub: c.get('user').name, doc: doc.id, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS })
    return c.json({ token })
  })

  return app
}

function invalidRole(): never {
  throw badRequest('角色必须是 editor、reviewer、viewer 之一，或 null（取消权限）')
}

async function jsonBody<T>(c: Context): Promise<Partial<T>> {
  try {
    const body: unknown = await c.req.json()
    return typeof body === 'object' && body !== null ? (body as Partial<T>) : {}
  } catch {
    throw badRequest('请求内容不是有效的 JSON')
  }
}
