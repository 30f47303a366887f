/**
 * Registers the routes of the shared API table (`@shared/protocol/http-api`):
 * each handler must return what the client is typed to receive, and is
 * answered as JSON. Errors are thrown as `ApiError`, as everywhere.
 */
import type { Context, Env, Hono } from 'hono'
import { splitRoute, type ApiPath, type ApiResponse, type ApiRoute } from '@shared/protocol/http-api'

export type ApiHandler<E extends Env, R extends ApiRoute> = (c: Context<E, ApiPath<R>>) => ApiResponse<R> | Promise<ApiResponse<R>>

/** `route('GET /api/me', (c) => ({ user: c.get('user') }))`; `created(…)` for a route that makes something, answered 201. */
export function apiRoutes<E extends Env>(app: Hono<E>) {
  const register =
    (status: 200 | 201) =>
    <R extends ApiRoute>(route: R, handler: ApiHandler<E, R>): void => {
      const { method, path } = splitRoute(route)
      app.on(method, path, async (c) => c.json((await handler(c as Context<E, ApiPath<R>>)) as object, status))
    }
  return { route: register(200), created: register(201) }
}
