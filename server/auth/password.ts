/**
 * Password hashing with scrypt (N=2^15, r=8, p=1), salted, in a
 * self-describing string so parameters can change without breaking old hashes.
 *
 * scrypt runs on libuv's thread pool, which also reads the files the
 * server serves: at most `MAX_HASHING` hashes run at once, so a login
 * flood leaves the pool free for everyone else; a few more wait, and past
 * that a login is refused as busy (`HashingBusyError`) rather than queued
 * without end.
 *
 * Test suites make and check thousands of passwords; at N=2^15 each costs
 * 32 MiB and 0.1–0.7 s of a shared 2-core machine, most of some suites'
 * time. Under a test runner that asks for it (`JIXIAO_TEST_PASSWORD_COST=low`
 * with `NODE_ENV=test`, both set by Vitest's config) new hashes use N=2^10:
 * the same code, queue and stored form, verified by the parameters each hash
 * names, so nothing but the cost differs.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const MAX_HASHING = 2
const MAX_WAITING = 32

export class HashingBusyError extends Error {
  override readonly name = 'HashingBusyError'
  constructor() {
    super('服务器繁忙，请稍后再登录')
  }
}

let running = 0
const waiting: (() => void)[] = []

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_HASHING) {
    if (waiting.length >= MAX_WAITING) throw new HashingBusyError()
    await new Promise<void>((resolve) => waiting.push(resolve))
  } else running++
  try {
    return await work()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  withHashingSlot(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCb(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  )

/** What a deployment hashes with. */
export const PRODUCTION_COST = { N: 1 << 15, r: 8, p: 1 }
const TEST_COST = { N: 1 << 10, r: 8, p: 1 }
const MAX_MEMORY = 64 * 1024 * 1024

/** The cost of new hashes: production's, unless a test run asks for the low one (never honoured outside `NODE_ENV=test`). */
export function hashCost(env: NodeJS.ProcessEnv = process.env): typeof PRODUCTION_COST {
  return env.NODE_ENV === 'test' && env.JIXIAO_TEST_PASSWORD_COST === 'low' ? TEST_COST : PRODUCTION_COST
}

const PARAMS = { ...hashCost(), maxmem: MAX_MEMORY }
const KEY_LENGTH = 32

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEY_LENGTH, PARAMS)
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  })
  return timingSafeEqual(actual, expected)
}

let dummy: Promise<string> | null = null

/**
 * Spends on an unknown user the time a wrong password costs, so a login's
 * timing does not tell which accounts exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex')).catch((error: unknown) => {
    dummy = null // busy now: try again on the next login, not never
    throw error
  })
  await verifyPassword(password, await dummy)
  return false
}
