/**
 * The shortcut for a reviewer typing on inside their own suggestion: taken
 * only where the full rule would allow too, never elsewhere.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { buildDocument } from '../model/build-document'
import { createYDocument, threadsOf } from '../model/y-document'
import { emptyDocumentText } from '../model/template'
import { makeRandom } from '../../support/random'
import { trialOf } from '../../test/support/trial'
import { continuesOwnSuggestion } from './own-typing'
import { checkReviewerUpdate, judgeReviewerUpdate } from './reviewer-rule'
import { textAt } from '../../support/document-place'

const mark = (author: string, id = 'a1') => ({ id, author, time: 1 })

function setup() {
  const server = createYDocument(buildDocument(emptyDocumentText(2024)))
  const reviewer = new Y.Doc()
  Y.applyUpdate(reviewer, Y.encodeStateAsUpdate(server))
  return { server, reviewer }
}
const text = (d: Y.Doc) => textAt(d, { field: 'subtitle' })
const updateOf = (doc: Y.Doc, edit: (doc: Y.Doc) => void) => {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}
/** Sends and applies, as the server does with an allowed update. */
const accept = (server: Y.Doc, update: Uint8Array) => Y.applyUpdate(server, update)
/** The full rule alone, without the shortcut. */
const fullRule = (server: Y.Doc, update: Uint8Array, reviewer: string) => judgeReviewerUpdate(trialOf(server), update, reviewer).allowed

describe('continuesOwnSuggestion', () => {
  it('takes the next character typed inside one’s own insertion, not the first (which brings its formatting)', () => {
    const { server, reviewer } = setup()
    const first = updateOf(reviewer, (d) => text(d).insert(2, '增', { insertion: mark('wang') }))
    expect(continuesOwnSuggestion(server, first, 'wang')).toBe(false)
    accept(server, first)
    const next = updateOf(reviewer, (d) => text(d).insert(3, '加', { insertion: mark('wang') }))
    expect(Y.decodeUpdate(next).structs).toHaveLength(1)
    expect(continuesOwnSuggestion(server, next, 'wang')).toBe(true)
    expect(fullRule(server, next, 'wang')).toBe(true)
    // Someone else typing there would be inside wang's suggestion: not theirs.
    expect(continuesOwnSuggestion(server, next, 'li')).toBe(false)
  })

  it('never takes a single unformatted character after original text, after someone else’s suggestion, or off its place', () => {
    const { server, reviewer } = setup()
    // A crafted single item after an original character: it would be plain text.
    const plain = updateOf(reviewer, (d) => text(d).insert(1, '偷'))
    expect(Y.decodeUpdate(plain).structs).toHaveLength(1)
    expect(continuesOwnSuggestion(server, plain, 'wang')).toBe(false)
    expect(checkReviewerUpdate(trialOf(server), plain, 'wang').allowed).toBe(false)

    const other = setup()
    accept(other.server, updateOf(other.reviewer, (d) => text(d).insert(2, '他', { insertion: mark('li') })))
    const after = updateOf(other.reviewer, (d) => text(d).insert(3, '人', { insertion: mark('li') }))
    expect(continuesOwnSuggestion(other.server, after, 'wang')).toBe(false)

    // Its right neighbour is not what follows its origin on the server now (someone inserted there): the full rule decides.
    const raced = setup()
    const mine = updateOf(raced.reviewer, (d) => text(d).insert(2, '增', { insertion: mark('wang') }))
    accept(raced.server, mine)
    const concurrent = new Y.Doc()
    Y.applyUpdate(concurrent, Y.encodeStateAsUpdate(raced.server))
    accept(raced.server, updateOf(concurrent, (d) => text(d).insert(3, 'X', { insertion: mark('li', 'b2') })))
    const next = updateOf(raced.reviewer, (d) => text(d).insert(3, '加', { insertion: mark('wang') }))
    expect(continuesOwnSuggestion(raced.server, next, 'wang')).toBe(false)
  })

  it('never takes deletions or anything outside a text', () => {
    const { server, reviewer } = setup()
    accept(server, updateOf(reviewer, (d) => text(d).insert(2, '增加', { insertion: mark('wang') })))
    expect(continuesOwnSuggestion(server, updateOf(reviewer, (d) => text(d).delete(2, 1)), 'wang')).toBe(false)
    expect(continuesOwnSuggestion(server, updateOf(reviewer, (d) => threadsOf(d).set('t', 'x')), 'wang')).toBe(false)
    expect(continuesOwnSuggestion(server, new Uint8Array([1, 2, 3]), 'wang')).toBe(false)
  })

  it('seeded: whenever the shortcut allows, the full rule allows too', () => {
    const random = makeRandom(7)
    const { server } = setup()
    let reviewer = new Y.Doc()
    Y.applyUpdate(reviewer, Y.encodeStateAsUpdate(server))
    const others = new Y.Doc()
    Y.applyUpdate(others, Y.encodeStateAsUpdate(server))
    let shortcuts = 0
    let caret = 0
    for (let i = 0; i < 400; i++) {
      // Others change the document now and then; the reviewer catches up now and then.
      if (random.chance(0.2)) accept(server, updateOf(others, (d) => text(d).insert(random.int(text(d).length + 1), 'o', random.chance(0.5) ? { insertion: mark('li', `l${i}`) } : {})))
      if (random.chance(0.3)) Y.applyUpdate(reviewer, Y.encodeStateAsUpdate(server, Y.encodeStateVector(reviewer)))
      const attributes = random.pick([{ insertion: mark('wang', 'w') }, { insertion: mark('wang', 'w') }, { insertion: mark('li') }, {}, { insertion: mark('wang'), bold: true }])
      // Mostly typing on where the caret is, sometimes somewhere else.
      caret = random.chance(0.7) ? Math.min(caret, text(reviewer).length) : random.int(text(reviewer).length + 1)
      const update = updateOf(reviewer, (d) => text(d).insert(caret, random.pick(['字', 'x']), attributes))
      caret++
      if (continuesOwnSuggestion(server, update, 'wang')) {
        shortcuts++
        expect(fullRule(server, update, 'wang'), `step ${i}`).toBe(true)
      }
      if (checkReviewerUpdate(trialOf(server), update, 'wang').allowed) accept(server, update)
      else {
        // A refused client starts again from the server's state.
        reviewer = new Y.Doc()
        Y.applyUpdate(reviewer, Y.encodeStateAsUpdate(server))
      }
      Y.applyUpdate(others, Y.encodeStateAsUpdate(server, Y.encodeStateVector(others)))
    }
    expect(shortcuts).toBeGreaterThan(20)
  })
})
