/**
 * An uploaded file (an import, a project form), read by the route itself:
 * only after the caller is known and allowed to upload there, so a request
 * without a session costs its headers and nothing more (a body the server
 * never reads is discarded as it arrives, never held). Refused on its
 * Content-Length when it has one, else while it streams in; then read in
 * a file worker (`importedText`).
 */
import type { Context } from 'hono'
import { MAX_IMPORT_BYTES } from '../documents/imported-file'
import { ApiError } from './api-error'

export { MAX_IMPORT_BYTES }

export const uploadTooLarge = (limit = MAX_IMPORT_BYTES) => new ApiError(413, 'too-large', `文件太大（上限 ${limit / 1024 / 1024} MiB）`)

/** The request's body, at most `limit` bytes; throws 413 past it (before reading, when the length is declared). */
export async function readUpload(c: Context, limit = MAX_IMPORT_BYTES): Promise<Uint8Array> {
  const declared = c.req.header('content-length')
  if (declared !== undefined && !c.req.header('transfer-encoding') && Number(declared) > limit) throw uploadTooLarge(limit)
  const body = c.req.raw.body
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel()
      throw uploadTooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}
