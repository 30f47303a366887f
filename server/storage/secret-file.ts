/**
 * The key that signs access tokens: generated into the data directory on
 * first start, readable by the server's user only, reused ever after (so
 * tokens survive restarts).
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const SECRET_FILE = 'secret.key'

export function loadOrCreateSecret(dataDir: string): Buffer {
  const path = join(dataDir, SECRET_FILE)
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const secret = randomBytes(32)
  // 'wx': if two processes start at once, one wins and the other reads its key.
  try {
    writeFileSync(path, secret.toString('hex'), { mode: 0o600, flag: 'wx' })
    return secret
  } catch {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex')
  }
}
