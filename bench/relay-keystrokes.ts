/**
 * Part of `npm run bench -- relay`: what one keystroke costs the relay's
 * event loop, by role, in process — the real relay core with real SQLite
 * storage and its real policies, driven through in-memory sockets. A
 * keystroke is received, judged, applied and stored (group commit), as on
 * the server. Reviewer keystrokes are suggestions (marked insertions);
 * editor keystrokes are direct. Both type runs of ten characters, as
 * people do (a run's first keystroke brings the suggestion's formatting,
 * the rest continue it). The peer for the reviewer path is the editor path
 * (the bound: within 2×), and for reference what judging on a
 * fresh copy of the document per update costs (the old way).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { buildDocument } from '@shared/model/build-document'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { createYDocument } from '@shared/model/y-document'
import { encodeUpdate } from '@shared/protocol/message'
import { checkReviewerUpdate } from '@shared/review/reviewer-rule'
import { TrialReplica } from '@shared/review/trial-replica'
import { LocalBus } from '../server/bus/local-bus'
import { openServerData } from '../server/server-data'
import { setLogSink } from '../server/log'
import { Metrics } from '../server/metrics'
import { DEFAULT_RELAY_OPTIONS, Relay } from '../server/relay/relay'
import { asReviewerPolicy, makeUpdatePolicy } from '../server/relay/update-policy'
import { textAt } from '../support/document-place'
import { generateDocument } from '../support/generate-document'
import { MemorySocket } from '../support/memory-socket'
import { makeRandom } from '../support/random'
import { sampleText } from '../support/sample'

const KEYSTROKES = 300
const RUN = 10

export interface KeystrokeFigures {
  projects: number
  editor: number[]
  reviewer: number[]
  /** Judging one reviewer keystroke on a fresh copy of the document. */
  copy: number[]
}

/** The XmlText of project p's 预算数 cell. */
const budgetText = (doc: Y.Doc, p: number) => textAt(doc, { project: p, field: 'budgetTotal' })

export async function measureKeystrokes(projects: 'sample' | number): Promise<KeystrokeFigures> {
  setLogSink(() => {})
  const text = projects === 'sample' ? parsePublishedText(sampleText()) : generateDocument(makeRandom(200), projects)
  const data = await openServerData({ kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'jixiao-keys-')) })
  const initial = createYDocument(buildDocument(text))
  await data.documents.create({ id: 'doc', title: 'bench', ownerId: null, createdAt: 0 }, Y.encodeStateAsUpdate(initial))
  const reviewerRule = asReviewerPolicy(({ trial, incoming, userName }) => checkReviewerUpdate(trial, incoming.update, userName))
  const access = { roleOf: async () => undefined, stillValid: async () => true }
  const relay = new Relay({ log: data.documents, bus: new LocalBus(), access }, makeUpdatePolicy(reviewerRule), new Metrics(), { ...DEFAULT_RELAY_OPTIONS, schedule: () => {} })

  const typist = (name: string, role: 'editor' | 'reviewer', userId: number) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(initial))
    const socket = new MemorySocket()
    const session = relay.connect(socket, 'doc', { userId, userName: name, displayName: name }, role)!
    return { doc, socket, session }
  }
  const editor = typist('ed', 'editor', 1)
  const reviewer = typist('rev', 'reviewer', 2)
  await relay.settled()
  const count = text.projects.length

  // As people type: runs of ten characters, each run in another project's cell.
  const keystroke = async (who: ReturnType<typeof typist>, i: number, attributes?: Record<string, unknown>): Promise<number> => {
    const cell = budgetText(who.doc, Math.floor(i / RUN) % count)
    const before = Y.encodeStateVector(who.doc)
    cell.insert(i % RUN, '1', attributes)
    const frame = encodeUpdate(Y.encodeStateAsUpdate(who.doc, before))
    const start = performance.now()
    relay.receive(who.session, frame)
    await relay.flush()
    const elapsed = performance.now() - start
    who.socket.outbox.length = 0
    return elapsed
  }
  // One suggestion per run, as suggestion mode extends the insertion the caret is in.
  const mark = (i: number) => {
    const run = Math.floor(i / RUN)
    return { insertion: { id: `00000000-0000-4000-8000-${String(run).padStart(12, '0')}`, author: 'rev', time: run } }
  }
  const figures: KeystrokeFigures = { projects: count, editor: [], reviewer: [], copy: [] }
  for (let i = 0; i < KEYSTROKES; i++) {
    // Interleaved, as when staff and a reviewer type at once; each side keeps the other's changes out of its replica.
    const e = await keystroke(editor, i)
    const r = await keystroke(reviewer, i, mark(i))
    if (i >= 20) {
      figures.editor.push(e)
      figures.reviewer.push(r)
    }
  }
  const server = relay.loadedDocument('doc')!
  for (let i = 0; i < 30; i++) {
    const before = Y.encodeStateVector(reviewer.doc)
    budgetText(reviewer.doc, i % count).insert(0, '2', mark(10_000 + i))
    const update = Y.encodeStateAsUpdate(reviewer.doc, before)
    const start = performance.now()
    const trial = new TrialReplica(server)
    checkReviewerUpdate(trial, update, 'rev')
    trial.dispose()
    figures.copy.push(performance.now() - start)
  }
  await relay.shutdown()
  await data.close()
  return figures
}
