/**
 * The reviewer rule on hand-built raw Yjs updates — what a tampered client
 * could send — not only on what our editor produces.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from '../formats/published-text/import'
import { buildDocument } from '../model/build-document'
import { createYDocument, metaOf } from '../model/y-document'
import { checkReviewerUpdate } from './reviewer-rule'
import { trialOf } from '../../test/support/trial'
import { at, textAt, textOf } from '../../support/document-place'

const REVIEWER = 'wangfang'
const mark = (author = REVIEWER) => ({ id: crypto.randomUUID(), author, time: 1_700_000_000_000 })

/** The server's document, and a reviewer's replica of it. */
function setup() {
  const server = createYDocument(buildDocument({ ...parsePublishedText(sampleText()), goals: [...parsePublishedText(sampleText()).goals, ''] }))
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server))
  return { server, replica }
}

/** The update `edit` makes on the replica, as the client would send it. */
function updateOf(replica: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(replica)
  edit(replica)
  return Y.encodeStateAsUpdate(replica, before)
}

/** The XmlText of project p's 预算数. */
const budgetTotal = (doc: Y.Doc, p = 0) => textAt(doc, { project: p, field: 'budgetTotal' })
const goalItem = (doc: Y.Doc, n: number) => at(doc, { goal: n })

const decide = (server: Y.Doc, update: Uint8Array) => checkReviewerUpdate(trialOf(server), update, REVIEWER)

describe('reviewer rule', () => {
  it('allows a suggested insertion carrying the reviewer’s own mark', () => {
    const { server, replica } = setup()
    const update = updateOf(replica, (doc) => budgetTotal(doc).insert(0, '1', { insertion: mark() }))
    expect(decide(server, update)).toEqual({ allowed: true })
  })

  it('allows marking text for deletion, and taking one’s own deletion mark back', () => {
    const { server, replica } = setup()
    const marked = updateOf(replica, (doc) => budgetTotal(doc).format(0, 2, { deletion: mark() }))
    expect(decide(server, marked)).toEqual({ allowed: true })
    Y.applyUpdate(server, marked)
    expect(decide(server, updateOf(replica, (doc) => budgetTotal(doc).format(0, 2, { deletion: null })))).toEqual({ allowed: true })
  })

  it('allows typing into an empty field (the binding creates its text node) and deleting one’s own pending insertion', () => {
    const { server, replica } = setup()
    const typed = updateOf(replica, (doc) => goalItem(doc, 8).insert(0, [new Y.XmlText()]))
    // An empty text node alone carries no text: allowed, it is what the editor does first.
    expect(decide(server, typed)).toEqual({ allowed: true })
    const { server: s2, replica: r2 } = setup()
    const withText = updateOf(r2, (doc) => {
      const text = new Y.XmlText()
      goalItem(doc, 8).insert(0, [text])
      text.insert(0, '建议补充', { insertion: mark() })
    })
    expect(decide(s2, withText)).toEqual({ allowed: true })
    Y.applyUpdate(s2, withText)
    expect(decide(s2, updateOf(r2, (doc) => textOf(goalItem(doc, 8)).delete(0, 2)))).toEqual({ allowed: true })
  })

  it('allows one’s own pending insertion to become part of a newer suggestion of one’s own (retyping one’s own figure), not someone else’s', () => {
    const { server, replica } = setup()
    const typed = updateOf(replica, (doc) => budgetTotal(doc).insert(0, '24.50', { insertion: mark() }))
    Y.applyUpdate(server, typed)
    expect(decide(server, updateOf(replica, (doc) => budgetTotal(doc).format(0, 2, { insertion: mark() })))).toEqual({ allowed: true })
    // Taking the mark off would accept it; another reviewer's pending text stays theirs.
    const { server: s2, replica: r2 } = setup()
    Y.applyUpdate(s2, updateOf(r2, (doc) => budgetTotal(doc).insert(0, '24.50', { insertion: mark('other') })))
    expect(decide(s2, updateOf(r2, (doc) => budgetTotal(doc).format(0, 2, { insertion: mark() }))).allowed).toBe(false)
    const { server: s3, replica: r3 } = setup()
    Y.applyUpdate(s3, updateOf(r3, (doc) => budgetTotal(doc).insert(0, '24.50', { insertion: mark() })))
    expect(decide(s3, updateOf(r3, (doc) => budgetTotal(doc).format(0, 2, { insertion: null }))).allowed).toBe(false)
  })

  it('refuses deleting a paragraph', () => {
    const { server, replica } = setup()
    const decision = decide(server, updateOf(replica, (doc) => at(doc, { list: 'goals' }).delete(0, 1)))
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining('段落') })
  })

  it('refuses changing a budget cell without marks', () => {
    const { server, replica } = setup()
    const decision = decide(server, updateOf(replica, (doc) => {
      budgetTotal(doc).delete(0, 5)
      budgetTotal(doc).insert(0, '99.00')
    }))
    expect(decision.allowed).toBe(false)
  })

  it('refuses forging another user’s suggestion author', () => {
    const { server, replica } = setup()
    expect(decide(server, updateOf(replica, (doc) => budgetTotal(doc).insert(0, '1', { insertion: mark('zhangwei') }))).allowed).toBe(false)
    expect(decide(server, updateOf(replica, (doc) => budgetTotal(doc).format(0, 1, { deletion: mark('zhangwei') }))).allowed).toBe(false)
  })

  it('refuses removing someone else’s suggestion or deleting their pending insertion', () => {
    const { server, replica } = setup()
    const theirs = updateOf(replica, (doc) => budgetTotal(doc).insert(0, '8', { insertion: mark('other-reviewer') }))
    Y.applyUpdate(server, theirs)
    expect(decide(server, updateOf(replica, (doc) => budgetTotal(doc).delete(0, 1))).allowed).toBe(false)
    expect(decide(server, updateOf(replica, (doc) => budgetTotal(doc).format(0, 1, { insertion: null }))).allowed).toBe(false)
  })

  it('refuses attribute changes (二级), other marks, meta, and new roots', () => {
    const { server, replica } = setup()
    const indicator = (doc: Y.Doc) => at(doc, { project: 0, indicator: 0 })
    expect(decide(server, updateOf(replica, (doc) => indicator(doc).setAttribute('level2', '质量指标'))).allowed).toBe(false)
    expect(decide(server, updateOf(replica, (doc) => budgetTotal(doc).format(0, 1, { bold: true }))).allowed).toBe(false)
    expect(decide(server, updateOf(replica, (doc) => metaOf(doc).set('status', '审核通过'))).allowed).toBe(false)
    expect(decide(server, updateOf(replica, (doc) => doc.getText('sneaky').insert(0, 'x'))).allowed).toBe(false)
  })

  it('never changes the document it decides on', () => {
    const { server, replica } = setup()
    const before = Y.encodeStateAsUpdate(server)
    decide(server, updateOf(replica, (doc) => budgetTotal(doc).delete(0, 2)))
    decide(server, updateOf(replica, (doc) => budgetTotal(doc).insert(0, '1', { insertion: mark() })))
    expect(Y.encodeStateAsUpdate(server)).toEqual(before)
  })

  describe('whole rows', () => {
    const indicatorList = (doc: Y.Doc) => at(doc, { project: 0, list: 'indicators' })
    function proposedRow(author = REVIEWER, kind: 'insert' | 'delete' = 'insert') {
      const row = new Y.XmlElement('indicator')
      row.setAttribute('suggestion', { kind, ...mark(author) } as never)
      row.setAttribute('level1', '满意度指标')
      const cells = ['indicatorName', 'indicatorDescription', 'indicatorValue', 'indicatorBasis'].map((name) => new Y.XmlElement(name))
      row.insert(0, cells)
      return { row, cells }
    }

    it('allows proposing a new row, working inside it freely, and withdrawing it', () => {
      const { server, replica } = setup()
      const proposed = updateOf(replica, (doc) => {
        const { row, cells } = proposedRow()
        indicatorList(doc).insert(5, [row])
        const text = new Y.XmlText()
        cells[0]!.insert(0, [text])
        text.insert(0, '群众满意度')
      })
      expect(decide(server, proposed)).toEqual({ allowed: true })
      Y.applyUpdate(server, proposed)
      const row = (doc: Y.Doc) => at(doc, { project: 0, indicator: 5 })
      // Accepted updates reach the server, as through the relay; refused ones are made on a throwaway replica.
      const accepted = (edit: (doc: Y.Doc) => void) => {
        const update = updateOf(replica, edit)
        const decision = decide(server, update)
        if (decision.allowed) Y.applyUpdate(server, update)
        return decision
      }
      const throwaway = () => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
        return doc
      }
      expect(accepted((doc) => textAt(doc, { project: 0, indicator: 5, field: 'level3' }).delete(0, 2))).toEqual({ allowed: true })
      expect(accepted((doc) => row(doc).setAttribute('level2', '服务对象满意度指标'))).toEqual({ allowed: true })
      // Removing the proposal from one's own row would accept it.
      expect(decide(server, updateOf(throwaway(), (doc) => row(doc).removeAttribute('suggestion'))).allowed).toBe(false)
      expect(accepted((doc) => indicatorList(doc).delete(5, 1))).toEqual({ allowed: true })
    })

    it('refuses rows proposed in someone else’s name or not as a proposal', () => {
      const { server, replica } = setup()
      expect(decide(server, updateOf(replica, (doc) => indicatorList(doc).insert(5, [proposedRow('zhangwei').row]))).allowed).toBe(false)
      const { server: s2, replica: r2 } = setup()
      expect(decide(s2, updateOf(r2, (doc) => indicatorList(doc).insert(5, [new Y.XmlElement('indicator')]))).allowed).toBe(false)
    })

    it('allows proposing to delete a row and withdrawing that; refuses deleting it outright', () => {
      const { server, replica } = setup()
      const row = (doc: Y.Doc) => at(doc, { project: 0, indicator: 0 })
      const marked = updateOf(replica, (doc) => row(doc).setAttribute('suggestion', { kind: 'delete', ...mark() } as never))
      expect(decide(server, marked)).toEqual({ allowed: true })
      Y.applyUpdate(server, marked)
      expect(decide(server, updateOf(replica, (doc) => row(doc).removeAttribute('suggestion')))).toEqual({ allowed: true })
      const { server: s2, replica: r2 } = setup()
      expect(decide(s2, updateOf(r2, (doc) => indicatorList(doc).delete(0, 1))).allowed).toBe(false)
      expect(decide(s2, updateOf(r2, (doc) => at(doc, { project: 0, indicator: 0 }).setAttribute('suggestion', { kind: 'delete', ...mark('x') } as never))).allowed).toBe(false)
    })
  })
})
