/** Versions and history of one document: versions, restores, comparisons, project imports, activity, people, authorship. */
import { Hono } from 'hono'
import type { Ports } from '../../documents/ports'
import * as history from '../../documents/versions-history'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'
import { readUpload } from '../upload'

export function historyRoutes(p: Ports): Hono<Env> {
  const app = new Hono<Env>()
  const { route, created } = apiRoutes(app)

  created('POST /api/docs/:id/versions', async (c, { name }) => ({ version: { id: await history.saveNamedVersion(p, c.get('user'), c.req.param('id'), name) } }))
  route('GET /api/docs/:id/versions', async (c) => ({ versions: await history.listVersions(p, c.get('user'), c.req.param('id')) }))

  route('POST /api/docs/:id/versions/:version/restore', async (c, { project }) => {
    const which = project ? { code: project.code ?? '', name: project.name ?? '' } : null
    return { version: await history.restoreVersion(p, c.get('user'), c.req.param('id'), c.req.param('version'), which) }
  })

  route('GET /api/docs/:id/compare', async (c) => history.compare(p, c.get('user'), c.req.param('id'), c.req.query('from'), c.req.query('to') ?? 'now'))

  route('POST /api/docs/:id/projects/import', async (c) => history.addProjects(p, c.get('user'), c.req.param('id'), { file: () => readUpload(c) }))

  route('GET /api/docs/:id/activity', async (c) => history.documentActivity(p, c.get('user'), c.req.param('id')))
  route('GET /api/docs/:id/people', async (c) => ({ people: await history.documentPeople(p, c.get('user'), c.req.param('id')) }))
  route('GET /api/docs/:id/authorship', async (c) => history.authorship(p, c.get('user'), c.req.param('id')))
  return app
}
