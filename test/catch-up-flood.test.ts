/**
 * A catch-up flood across instances (issue 26 item 10), against two real
 * servers sharing PostgreSQL and a bus: viewers on one instance send
 * updates that cannot integrate (each could be a sign the instance lags,
 * so the room may read the whole document again to judge it). The room
 * reads it at most once a second however many arrive, never asks a viewer
 * for its full state, and an editor's edit goes through meanwhile.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { freshSchema, type TestSchema } from '../support/postgres'
import { DOC_ID, twoInstances, until, type TestServer } from '../support/test-server'
import { rawClient } from './support/raw-client'
import { gcUpdate, replicaOf, updateOf } from './support/raw-update'
import * as Y from 'yjs'
import { textAt } from '../support/document-place'

let servers: TestServer[] = []
let schema: TestSchema | null = null
afterEach(async () => {
  for (const s of servers) await s.close()
  servers = []
  await schema?.drop()
  schema = null
}, 60_000)

const CONNECTIONS = 8
const UPDATES_EACH = 6

describe('a catch-up flood', () => {
  it('viewers’ incomplete updates on one instance read the document at most once a second; an editor’s edit goes through', async () => {
    schema = freshSchema()
    const [a, b] = await twoInstances(schema, servers)
    const zhang = await rawClient(b, 'zhang', 'editor')
    const viewers: Awaited<ReturnType<typeof rawClient>>[] = []
    for (let i = 0; i < CONNECTIONS; i++) viewers.push(await rawClient(b, 'eve', 'viewer'))
    // Past the time a freshly loaded room counts as holding everything stored.
    await new Promise((r) => setTimeout(r, 2_500))
    const loads = vi.spyOn(b.server.data.documents, 'load')
    const started = Date.now()
    for (let n = 0; n < UPDATES_EACH; n++) {
      // Structs starting past what the server has of a client: they cannot integrate.
      viewers.forEach((v, i) => v.send(gcUpdate(1_000_000 + i * 100 + n, 5, 1)))
    }
    const served = () => b.server.relay.loadedDocument(DOC_ID)!
    // The first goal's text (as in speaking-for-oneself.test.ts).
    const first = (d: Y.Doc) => textAt(d, { goal: 0 })
    zhang.send(updateOf(replicaOf(served()), (d) => first(d).insert(0, '照常编辑')))
    await until(() => first(served()).toString().includes('照常编辑'), 'the editor’s edit taken')
    await until(() => viewers.every((v) => v.refusals.length >= 1), 'every viewer refused')
    const elapsed = Date.now() - started
    console.log(`${CONNECTIONS * UPDATES_EACH} incomplete updates from viewers: ${loads.mock.calls.length} whole-document reads in ${elapsed} ms`)
    expect(loads.mock.calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1)
    // A viewer may write nothing, so it is never asked for its full state (the greeting's step 1 aside).
    expect(viewers.map((v) => v.stateRequests)).toEqual(viewers.map(() => 0))
  }, 120_000)
})
