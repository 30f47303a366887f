/**
 * Errors of the HTTP API: a status, a stable machine-readable code and a
 * message in Chinese for the person using the app. Thrown anywhere in a
 * handler; `onError` turns them into `{ error: { code, message } }` once.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const notLoggedIn = () => new ApiError(401, 'unauthenticated', '请先登录')
export const badRequest = (message: string) => new ApiError(400, 'bad-request', message)
