/**
 * Registers a route of the shared API table (`@shared/protocol/http-api`):
 * its handler must return what the client is typed to receive, and is
 * answered as JSON. Errors are thrown as `ApiError`, as everywhere.
 */
import type { Context, Env, Hono } from 'hono'
import { splitRoute, type ApiPath, type ApiResponse, type ApiRoute } from '@shared/protocol/http-api'

export type ApiHandler<E extends Env, R extends ApiRoute> = (c: Context<E, ApiPath<R>>) => ApiResponse<R> | Promise<ApiResponse<R>>

/** `route('GET /api/me', (c) => ({ user: c.get('user') }))`; `status` 201 for what a call creates. */
export function apiRoutes<E extends Env>(app: Hono<E>) {
  return <R extends ApiRoute>(route: R, handler: ApiHandler<E, R>, status: 200 | 201 = 200): void => {
    const { method, path } = splitRoute(route)
    app.on(method, path, async (c) => c.json((await handler(c as Context<E, ApiPath<R>>)) as object, status))
  }
}
