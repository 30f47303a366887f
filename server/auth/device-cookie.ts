/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device
 * cookies"): a browser that once logged in to an account gets a signed
 * cookie naming that account and a random device id. Its later login
 * attempts for that account are throttled on the device's own failures,
 * not on the account's or the address's — so someone guessing a
 * reviewer's password, or an office behind one NAT address full of
 * failures, slows down untrusted browsers only and never locks the owner
 * out of the browser they use. A stolen cookie buys no free guesses: the
 * device locks after its own failures like an account.
 *
 * `base64url(login name) . device id . base64url(HMAC-SHA256("device:" …))`;
 * the "device:" domain keeps it from ever verifying as an access token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const DEVICE_COOKIE = 'jixiao_device'
export const DEVICE_COOKIE_LIFETIME_MS = 365 * 24 * 3600 * 1000

export interface Device {
  account: string
  id: string
}

const sign = (secret: Buffer, body: string) => createHmac('sha256', secret).update(`device:${body}`).digest('base64url')

/** A new device for `account`, as the cookie's value. */
export function issueDeviceCookie(secret: Buffer, account: string, id = randomBytes(16).toString('base64url')): string {
  const body = `${Buffer.from(account).toString('base64url')}.${id}`
  return `${body}.${sign(secret, body)}`
}

/** The device a cookie names, when its signature holds; null for anything else. */
export function verifyDeviceCookie(secret: Buffer, value: string | undefined): Device | null {
  const [name, id, signature, extra] = (value ?? '').split('.')
  if (!name || !id || !signature || extra !== undefined) return null
  const expected = Buffer.from(sign(secret, `${name}.${id}`))
  const actual = Buffer.from(signature)
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null
  return { account: Buffer.from(name, 'base64url').toString('utf8'), id }
}
