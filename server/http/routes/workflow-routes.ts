/** The workflow of one document: its state and the steps the caller may take, taking one, and the reviewer's drafted opinion. */
import { Hono } from 'hono'
import type { Ports } from '../../documents/ports'
import { keepOpinion, readOpinion } from '../../documents/review-opinion'
import { takeStep, workflowState } from '../../documents/workflow-steps'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'

export function workflowRoutes(p: Ports): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)
  route('GET /api/docs/:id/workflow', async (c) => workflowState(p, c.get('user'), c.req.param('id')))
  route('POST /api/docs/:id/workflow', async (c, body) => ({ status: await takeStep(p, c.get('user'), c.req.param('id'), body.action, body.note ?? '', body.opinionUsed === true) }))

  /** The reviewer's drafted 审核意见, kept with the document until a step uses it. */
  route('GET /api/docs/:id/opinion', async (c) => ({ opinion: await readOpinion(p, c.get('user'), c.req.param('id')) }))
  route('PUT /api/docs/:id/opinion', async (c, { text }) => {
    await keepOpinion(p, c.get('user'), c.req.param('id'), text)
    return { ok: true }
  })
  return app
}
