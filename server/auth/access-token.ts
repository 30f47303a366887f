/**
 * Signed, expiring access tokens for the WebSocket `token` parameter:
 * `base64url(payload) . base64url(HMAC-SHA256(payload))`. A token names a
 * user — by id and name, with the user's token generation — and the
 * document it was issued for; what the user may do is looked up at every
 * connection, so revoking a role needs no token revocation. A password
 * change bumps the generation (old tokens stop working); a re-created
 * account of the same name has another id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface TokenClaims {
  /** User name. */
  sub: string
  /** User id. */
  uid: number
  /** The user's token generation when it was issued. */
  gen: number
  /** Document id the token is for. */
  doc: string
  /** Expiry, milliseconds since the epoch. */
  exp: number
}

export const DEFAULT_TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000

const sign = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')

export function issueToken(secret: Buffer, claims: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${payload}.${sign(secret, payload)}`
}

/** The claims of a valid, unexpired token; null for anything else. */
export function verifyToken(secret: Buffer, token: string, now = Date.now()): TokenClaims | null {
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const expected = Buffer.from(sign(secret, payload))
  const actual = Buffer.from(signature)
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims
    if (typeof claims.sub !== 'string' || typeof claims.doc !== 'string' || typeof claims.exp !== 'number') return null
    if (!Number.isInteger(claims.uid) || !Number.isInteger(claims.gen)) return null
    return claims.exp > now ? claims : null
  } catch {
    return null
  }
}
