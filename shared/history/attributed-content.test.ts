/**
 * Whose words a field is, on the server's document as it is after the
 * people's editors wrote into it the way the browser's binding does
 * (`updateYFragment`): a reviewer's replacement 0.40 → 0.35 accepted by
 * staff names both, rejected leaves the figure's author, a plain edit names
 * who typed it — also after a compaction folded the log into sessions.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Node as PMNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { EditorState } from '@tiptap/pm/state'
import { updateYFragment } from '@tiptap/y-tiptap'
import { documentText, part1, project } from '../../support/document-builder'
import { contentOf, createYDocumentFromText, readContent } from '../model/y-document'
import { readDocument } from '../model/read-document'
import { documentSchema } from '../schema/schema'
import { MARK, NODE } from '../schema/node-names'
import { AuthorIndex, editSessions, joinSessions, type AuthoredUpdate, type SessionRanges } from './authorship'
import { attributedContent, attributionOf } from './attributed-content'

/**
 * A server's document (collecting deleted content, as the server's does)
 * logging every update by who sent it, and each person's replica with an
 * editor over it.
 */
function room() {
  const server = new Y.Doc({ gc: true })
  const log: AuthoredUpdate[] = []
  let now = 0
  server.on('update', (update: Uint8Array, origin: { by?: string } | null) => log.push({ update, by: origin?.by ?? null, at: now }))

  /** Someone's replica: what they do goes to the server in their name at `at`. */
  const person = (login: string) => {
    const replica = new Y.Doc({ gc: true })
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server), 'server')
    replica.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') Y.applyUpdate(server, update, { by: login })
    })
    server.on('update', (update: Uint8Array, origin: { by?: string } | null) => {
      if (origin?.by !== login) Y.applyUpdate(replica, update, 'server')
    })
    /** One editor transaction at `at`, from the replica's content as it stands, written into Yjs as the binding writes it. */
    return (at: number, make: (state: EditorState) => Transaction) => {
      now = at
      const state = EditorState.create({ doc: PMNode.fromJSON(documentSchema, readContent(replica)) })
      const next = state.apply(make(state))
      replica.transact(() => updateYFragment(replica, contentOf(replica), next.doc, { mapping: new Map(), isOMark: new Map() }))
    }
  }

  /** The document as `text`, written by `login` at `at`. */
  const start = (login: string, at: number, text: Parameters<typeof createYDocumentFromText>[0]) => {
    now = at
    Y.applyUpdate(server, Y.encodeStateAsUpdate(createYDocumentFromText(text)), { by: login })
  }
  return { server, log, person, start }
}

/** The text range of the first node named `name`. */
function cell(state: EditorState, name: string): { from: number; to: number } {
  let at = -1
  state.doc.descendants((node, pos) => {
    if (at < 0 && node.type.name === name) at = pos
    return at < 0
  })
  return { from: at + 1, to: at + 1 + state.doc.nodeAt(at)!.content.size }
}

const insertion = (author: string, id: string) => documentSchema.marks[MARK.insertion]!.create({ id, author, time: 1 })
const deletion = (author: string, id: string) => documentSchema.marks[MARK.deletion]!.create({ id, author, time: 1 })

/** A reviewer's retyped figure, as suggest mode writes it: the old figure struck, the new one after it. */
const suggestFigure = (author: string, figure: string) => (state: EditorState) => {
  const { from, to } = cell(state, NODE.budgetTotal)
  return state.tr.addMark(from, to, deletion(author, 'd1')).insert(to, documentSchema.text(figure, [insertion(author, 'i1')]))
}

/** Accepting or rejecting every suggestion in the 预算数 cell, as `decideSuggestions` does: marks removed from what stays, the rest deleted. */
const decide = (accept: boolean) => (state: EditorState) => {
  const { from, to } = cell(state, NODE.budgetTotal)
  const tr = state.tr
  const remove: [number, number][] = []
  state.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true
    const inserted = node.marks.some((m) => m.type.name === MARK.insertion)
    if (inserted === accept) tr.removeMark(pos, pos + node.nodeSize, documentSchema.marks[inserted ? MARK.insertion : MARK.deletion]!)
    else remove.push([pos, pos + node.nodeSize])
    return false
  })
  for (const [a, b] of remove.reverse()) tr.delete(a, b)
  return tr
}

const retype = (figure: string) => (state: EditorState) => {
  const { from, to } = cell(state, NODE.budgetTotal)
  return state.tr.insertText(figure, from, to)
}

const budget = (server: Y.Doc) => readDocument(readContent(server)).projects[0]!.budgetTotal
const budgetBy = (server: Y.Doc, sessions: readonly SessionRanges[]) =>
  attributionOf(readDocument(attributedContent(contentOf(server), new AuthorIndex(sessions))).projects[0]!.budgetTotal)

describe('whose words a field is', () => {
  it('a reviewer’s replacement accepted by staff names both; rejected, the figure’s author; a plain edit, who typed it', () => {
    const outcomes = (['accepted', 'rejected', 'retyped'] as const).map((outcome) => {
      const { server, log, person, start } = room()
      start('lina', 100, documentText(project({ name: '车辆保险费', budgetTotal: '0.40' })))
      const [wangfang, zhangwei] = [person('wangfang'), person('zhangwei')]
      if (outcome === 'retyped') zhangwei(300, retype('0.35'))
      else {
        wangfang(200, suggestFigure('wangfang', '0.35'))
        zhangwei(300, decide(outcome === 'accepted'))
      }
      return [outcome, budget(server), budgetBy(server, editSessions(log))]
    })
    expect(outcomes).toEqual([
      ['accepted', '0.35', { by: 'zhangwei', at: 300, suggestedBy: 'wangfang' }],
      ['rejected', '0.40', { by: 'lina', at: 100 }],
      ['retyped', '0.35', { by: 'zhangwei', at: 300 }],
    ])
  })

  it('marks a client puts around agreed text do not hide its deletion: rejecting them names who deleted it', () => {
    const { server, log, person, start } = room()
    start('lina', 100, documentText(project({ name: '车辆保险费', budgetTotal: '0.40' })))
    const zhangwei = person('zhangwei')
    zhangwei(200, (state) => {
      const { from, to } = cell(state, NODE.budgetTotal)
      return state.tr.addMark(from, to, insertion('zhangwei', 'i1'))
    })
    zhangwei(300, decide(false))
    expect([budget(server), budgetBy(server, editSessions(log))]).toEqual(['', { by: 'zhangwei', at: 300 }])
  })

  it('an accepted suggestion stays the suggester’s through a compaction, until someone edits the field again', () => {
    const { server, log, person, start } = room()
    start('lina', 100, documentText(part1({ goals: ['加强车辆管理'] }), project({ name: '车辆保险费', budgetTotal: '0.40' })))
    const [wangfang, zhangwei, lina] = [person('wangfang'), person('zhangwei'), person('lina')]
    wangfang(200, suggestFigure('wangfang', '0.35'))
    zhangwei(300, decide(true))
    // The log folded in two compactions, the decision in the second.
    const folded = joinSessions([...editSessions(log.slice(0, 2)), ...editSessions(log.slice(2))])
    expect(budgetBy(server, folded)).toEqual({ by: 'zhangwei', at: 300, suggestedBy: 'wangfang' })
    // Sessions kept before bounds were recorded know no suggestion: the decision reads as the decider's own change.
    expect(budgetBy(server, folded.map(({ markBounds: _, ...session }) => session))).toEqual({ by: 'zhangwei', at: 300 })
    // One’s own suggestion accepted by oneself is one’s own change.
    zhangwei(350, suggestFigure('zhangwei', '0.30'))
    zhangwei(360, decide(true))
    expect(budgetBy(server, editSessions(log))).toEqual({ by: 'zhangwei', at: 360 })
    lina(400, retype('0.33'))
    expect(budgetBy(server, editSessions(log))).toEqual({ by: 'lina', at: 400 })
  })
})
