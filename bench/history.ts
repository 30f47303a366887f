/**
 * `npm run bench -- history`: what versions cost on a generated 200-project
 * document stored in SQLite — a day of editing (2,000 keystrokes in
 * runs across the tables) with a version after every 200, then:
 *   - storage: one version (a whole state, kept apart from the compacted
 *     log), the day's log before compaction, the snapshot after;
 *   - opening a version (read its state, build the Y.Doc, read the text)
 *     beside opening the live document the same way;
 *   - comparing two versions (`diffDocuments`) beside the floor of
 *     touching both texts whole (a JSON comparison);
 *   - attribution: what the edit sessions of two people take once the log
 *     is compacted, and reading the document with who last changed each
 *     field beside reading it plain.
 * Aims (#13): open < 200 ms, diff < 300 ms.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { diffDocuments } from '@shared/history/document-diff'
import { buildDocument } from '@shared/model/build-document'
import { createYDocument } from '@shared/model/y-document'
import { openServerData } from '../server/server-data'
import { at } from '../support/document-place'
import { generateDocument } from '../support/generate-document'
import { makeRandom } from '../support/random'
import { kib, median, ms, ratio, table } from './support/stats'

const KEYSTROKES = 2_000
const VERSION_EVERY = 200
const RUNS = 20

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < 3; i++) await work()
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  return median(times)
}

function textsOf(node: Y.XmlElement | Y.XmlFragment, into: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) child instanceof Y.XmlText ? into.push(child) : textsOf(child as Y.XmlElement, into)
  return into
}

export async function run(): Promise<void> {
  const data = await openServerData({ kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'jixiao-history-')) })
  const writer = createYDocument(buildDocument(generateDocument(makeRandom(200), 200)))
  const initial = Y.encodeStateAsUpdate(writer)
  await data.documents.create({ id: 'doc', title: 'bench', ownerId: null, createdAt: 0 }, initial)
  const projects = at(writer, { list: 'projects' }).toArray() as Y.XmlElement[]
  const cells = projects.map((p) => textsOf(p))
  const random = makeRandom(13)
  const versionIds: number[] = []
  // Two people taking turns, a run of keystrokes each.
  let author = 'zhang'
  writer.on('update', (update: Uint8Array) => void data.documents.append('doc', [{ update, by: author, at: Date.now() }]))
  for (let i = 0; i < KEYSTROKES; i++) {
    author = Math.floor(i / 10) % 2 === 0 ? 'zhang' : 'li'
    // Runs of ten keystrokes in one cell, as people type.
    const project = Math.floor(i / 10) * 37 % projects.length
    const cell = cells[project]![(Math.floor(i / 10) * 7) % cells[project]!.length]!
    if (random.chance(0.2) && cell.length > 0) cell.delete(cell.length - 1, 1)
    else cell.insert(cell.length, '改')
    if ((i + 1) % VERSION_EVERY === 0) {
      await new Promise((r) => setImmediate(r))
      versionIds.push(await data.documents.saveVersion('doc', { name: `自动版本 ${versionIds.length + 1}`, status: '编制中', byUser: 'zhang', createdAt: Date.now(), note: '' }))
    }
  }
  await new Promise((r) => setImmediate(r))
  const logBytes = (await data.documents.load('doc')).tailBytes - initial.length
  const versionBytes = (await data.documents.versionState('doc', versionIds[0]!))!.length
  const compacted = await data.documents.compact('doc')
  const sessionBytes = Buffer.byteLength(JSON.stringify((await data.documents.history('doc')).entries))

  const openVersion = await time(() => data.service.versionText('doc', versionIds.at(-1)!))
  const openLive = await time(() => data.service.text('doc'))
  const [first, last] = [(await data.service.versionText('doc', versionIds[0]!))!, (await data.service.versionText('doc', versionIds.at(-1)!))!]
  const diff = await time(() => diffDocuments(first, last))
  const floor = await time(() => JSON.stringify(first) === JSON.stringify(last))
  const summary = diffDocuments(first, last).summary.text
  const attributed = await time(() => data.service.attributedText('doc'))
  await data.close()

  console.log(
    table([
      ['200 projects, a day of editing', 'ours', 'peer', 'ratio'],
      ['storage: one version (whole state)', kib(versionBytes), `${kib(compacted.bytesAfter)} (compacted snapshot)`, ratio(versionBytes, compacted.bytesAfter)],
      [`storage: ${KEYSTROKES} keystrokes in the log, before compaction`, kib(logBytes), '', ''],
      ['open a version (state → Y.Doc → text)', ms(openVersion), `${ms(openLive)} (the live document)`, ratio(openVersion, openLive)],
      [`compare the first and last of ${versionIds.length} versions`, ms(diff), `${ms(floor)} (JSON equality of both)`, ratio(diff, floor)],
      ['storage: edit sessions kept for attribution, after compaction', kib(sessionBytes), `${kib(logBytes)} (the log they replace)`, ratio(sessionBytes, logBytes)],
      ['read the document with who last changed each field', ms(attributed), `${ms(openLive)} (read it plain)`, ratio(attributed, openLive)],
    ]),
  )
  console.log(`the compared versions differ in: ${summary}; medians of ${RUNS} runs; aims: open < 200 ms, diff < 300 ms`)
}
