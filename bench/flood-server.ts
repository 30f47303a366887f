/**
 * The server for `bench flood`, in its own process, with the limits as
 * shipped (nothing relaxed): the sample as document `doc`, an honest
 * editor pair and an attacker account. Prints one JSON line with its port
 * and tokens, then serves until killed.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../server/auth/access-token'
import { setLogSink } from '../server/log'
import { startServer } from '../server/server'
import { sampleText } from '../support/sample'
import { tokenSubject } from '../server/storage/account-store'
import { report } from './support/child'

setLogSink(() => {})
const server = await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'jixiao-flood-')), port: 0 })
const { accounts, logins, service, secret } = server.data
await service.create(parsePublishedText(sampleText()), { id: 'doc', title: 'flood', ownerId: null })
const tokens: Record<string, string> = {}
for (const name of ['honest-a', 'honest-b', 'mallory']) {
  const user = await logins.addUser(name, `pw-${name}`)
  await accounts.setRole('doc', user.id, name === 'mallory' ? 'viewer' : 'editor')
  tokens[name] = issueToken(secret, { ...(await tokenSubject(accounts, name))!, doc: 'doc', exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS })
}
report({ port: server.port, tokens })
