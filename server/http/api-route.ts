/**
 * Registers the routes of the shared API table (`@shared/api/http-api`):
 * each handler must return what the client is typed to receive, and is
 * answered as JSON. A route with a JSON body gets it checked by its
 * validator (`request-bodies.ts`) before the handler runs, typed. Errors
 * are thrown (`ApiError`, a use case's `Refusal`, `InvalidField`) and
 * answered once, in `onError`.
 */
import type { Context, Env, Hono } from 'hono'
import { splitRoute, type ApiPath, type ApiResponse, type ApiRoute, type HttpApi } from '@shared/api/http-api'
import { badRequest } from './api-error'
import type { Check } from './body-check'
import { REQUEST_BODIES, type JsonBodyRoute } from './request-bodies'

/** The checked body of a route that has a JSON one; nothing for the others. */
export type CheckedBody<R extends ApiRoute> = R extends JsonBodyRoute ? HttpApi[R]['body'] : undefined

export type ApiHandler<E extends Env, R extends ApiRoute> = (c: Context<E, ApiPath<R>>, body: CheckedBody<R>) => ApiResponse<R> | Promise<ApiResponse<R>>

const hasJsonBody = (route: ApiRoute): route is JsonBodyRoute => route in REQUEST_BODIES

async function checkedBody(c: Context, check: Check<unknown>): Promise<unknown> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw badRequest('请求内容不是有效的 JSON')
  }
  return check(body, '')
}

/** `route('GET /api/me', (c) => ({ user: c.get('user') }))`; `created(…)` for a route that makes something, answered 201. */
export function apiRoutes<E extends Env>(app: Hono<E>) {
  const register =
    (status: 200 | 201) =>
    <R extends ApiRoute>(route: R, handler: ApiHandler<E, R>): void => {
      const { method, path } = splitRoute(route)
      const check = hasJsonBody(route) ? (REQUEST_BODIES[route] as Check<unknown>) : undefined
      app.on(method, path, async (c) => {
        const body = (check ? await checkedBody(c, check) : undefined) as CheckedBody<R>
        return c.json((await handler(c as Context<E, ApiPath<R>>, body)) as object, status)
      })
    }
  return { route: register(200), created: register(201) }
}
