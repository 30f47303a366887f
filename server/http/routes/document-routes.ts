/** Documents: listing, making (blank, imported, next year's, a 监控 or 自评 from approved targets), renaming, sharing, deleting, and reading them out. */
import { Hono } from 'hono'
import * as lifecycle from '../../documents/document-lifecycle'
import * as reads from '../../documents/document-reads'
import { importedText } from '../../documents/imported-file'
import { createLinkedDocument } from '../../documents/linked-document'
import type { Ports } from '../../documents/ports'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'
import { MAX_TITLE_LENGTH } from '../request-bodies'
import { badRequest } from '../api-error'
import { readUpload } from '../upload'

export function documentRoutes(p: Ports): Hono<Env> {
  const app = new Hono<Env>()
  const { route, created } = apiRoutes(app)

  route('GET /api/docs', async (c) => ({ documents: await lifecycle.listDocuments(p, c.get('user')) }))

  created('POST /api/docs', async (c, body) => ({ id: await lifecycle.createBlank(p, c.get('user'), body) }))

  created('POST /api/docs/import', async (c) => {
    const title = c.req.query('title')?.trim()
    if (title && title.length > MAX_TITLE_LENGTH) throw badRequest(`文档名称不能超过 ${MAX_TITLE_LENGTH} 个字`)
    // The file's name: the title only where the document has none of its own.
    const fileName = c.req.query('fileName')?.trim().slice(0, MAX_TITLE_LENGTH)
    const org = c.req.query('org')
    if (org !== undefined && !/^\d+$/.test(org)) throw badRequest('部门必须是组织编号')
    const text = await importedText(p, await readUpload(c))
    const id = await lifecycle.createImported(p, c.get('user'), text, { title, fileName, org: org === undefined ? undefined : Number(org) })
    // Stored whole but for what the file held that no cell could take: said with the answer, never left out in silence.
    return { id, warnings: text.unread ?? [] }
  })

  created('POST /api/docs/:id/linked', async (c, body) => createLinkedDocument(p, c.get('user'), c.req.param('id'), body))
  created('POST /api/docs/:id/successor', async (c, body) => lifecycle.createSuccessor(p, c.get('user'), c.req.param('id'), body))

  route('PATCH /api/docs/:id', async (c, { title }) => {
    await lifecycle.renameDocument(p, c.get('user'), c.req.param('id'), title)
    return { ok: true }
  })

  route('DELETE /api/docs/:id', async (c) => {
    await lifecycle.deleteDocument(p, c.get('user'), c.req.param('id'))
    return { ok: true }
  })

  route('GET /api/docs/:id/members', async (c) => ({ members: await lifecycle.documentMembers(p, c.get('user'), c.req.param('id')) }))

  route('PUT /api/docs/:id/members/:name', async (c, { role }) => {
    await lifecycle.setDocumentMember(p, c.get('user'), c.req.param('id'), c.req.param('name'), role)
    return { ok: true }
  })

  app.get('/api/docs/:id/export', async (c) => {
    const file = await reads.exportDocument(p, c.get('user'), c.req.param('id'), c.req.query('format') ?? 'txt', {
      tracked: c.req.query('suggestions') === 'tracked',
      withOpinion: c.req.query('opinion') === '1',
    })
    return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    })
  })

  route('GET /api/docs/:id/checks', async (c) => ({ findings: await reads.documentChecks(p, c.get('user'), c.req.param('id')) }))
  route('GET /api/docs/:id/token', async (c) => ({ token: await reads.accessToken(p, c.get('user'), c.req.param('id')) }))
  route('GET /api/docs/:id/deadline', async (c) => ({ deadline: await reads.documentDeadline(p, c.get('user'), c.req.param('id')) }))
  return app
}
