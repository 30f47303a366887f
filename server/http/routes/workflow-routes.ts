/** The workflow of one document: its state and the steps the caller may take, and taking one. */
import { Hono } from 'hono'
import type { Ports } from '../../documents/ports'
import { takeStep, workflowState } from '../../documents/workflow-steps'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'

export function workflowRoutes(p: Ports): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)
  route('GET /api/docs/:id/workflow', async (c) => workflowState(p, c.get('user'), c.req.param('id')))
  route('POST /api/docs/:id/workflow', async (c, body) => ({ status: await takeStep(p, c.get('user'), c.req.param('id'), body.action, body.note ?? '') }))
  return app
}
