import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { activityActors, activityLog, latestActivity, type ActivityEntry } from './activity'
import { editSessions, type AuthoredUpdate } from './authorship'
import { makeRandom } from '../../support/random'

describe('the latest activity and the people in the log', () => {
  it('are the activity log’s newest entry (a refusal aside) and the people it names, for logs partly folded, with server edits and events, over random histories', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = makeRandom(seed)
      const doc = new Y.Doc()
      const text = doc.getText('t')
      const updates: AuthoredUpdate[] = []
      const events: ActivityEntry[] = []
      let at = 0
      for (let step = 0; step < 20; step++) {
        at += 1 + random.int(3 * 60_000)
        const by = random.pick(['zhang', 'li', null])
        if (random.chance(0.1)) {
          events.push({ at, by, event: { kind: 'refused', rule: 'status', reason: '文档已报送' } })
          continue
        }
        if (random.chance(0.3)) {
          events.push({ at, by, event: { kind: 'workflow', action: '报送', from: '编制中', to: '已报送' } })
          continue
        }
        const before = Y.encodeStateVector(doc)
        text.insert(random.int(text.length + 1), '字')
        updates.push({ update: Y.encodeStateAsUpdate(doc, before), by, at })
      }
      // Compaction folds the first updates into edit entries; the rest stays the log's tail.
      const cut = random.int(updates.length + 1)
      const folded: ActivityEntry[] = editSessions(updates.slice(0, cut)).map((s) => ({ at: s.to, by: s.by, event: { kind: 'edits', ...s } }))
      const stored = [...folded, ...events]
      const tail = updates.slice(cut)
      const log = activityLog(stored, tail)
      // The newest entry that changed something: a refusal changed nothing.
      const newest = log.find((entry) => entry.kind !== 'refused')
      expect(latestActivity(stored, tail), `seed ${seed}`).toEqual(newest && { at: newest.at, by: newest.by, ...(newest.kind === 'workflow' ? { step: newest.action } : {}) })
      expect(new Set(activityActors(stored, tail)), `seed ${seed}`).toEqual(new Set(log.flatMap((a) => (a.by === null ? [] : [a.by]))))
    }
  })

  it('is undefined for a document nobody has touched', () => {
    expect(latestActivity([], [])).toBeUndefined()
  })
})

describe('the activity log', () => {
  it('shows a comment resolved as that, not as an edit of no text beside it; an edit of text at the same time stays', () => {
    const doc = new Y.Doc()
    const update = (change: () => void) => {
      const before = Y.encodeStateVector(doc)
      change()
      return Y.encodeStateAsUpdate(doc, before)
    }
    const tail: AuthoredUpdate[] = [
      { update: update(() => doc.getMap('threads').set('t1', 'resolved')), by: 'lina', at: 10_000 },
      { update: update(() => doc.getText('t').insert(0, '改')), by: 'zhang', at: 10_000 },
    ]
    const stored: ActivityEntry[] = [{ at: 10_500, by: 'lina', event: { kind: 'comment', action: 'resolved', quote: '项目', text: '' } }]
    expect(activityLog(stored, tail).map((a) => [a.kind, a.by])).toEqual([['comment', 'lina'], ['edits', 'zhang']])
  })
})
