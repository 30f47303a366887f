/**
 * The DocumentLog contract, run against every adapter: memory, SQLite and
 * PostgreSQL. What the relay relies on — appends kept in order, a state
 * that survives compaction, versions taken from what is stored, and no
 * update lost when instances append and compact at once — holds for all.
 */
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { freshSchema, TEST_DATABASE_URL } from '../../support/postgres'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'
import { AppendRefusedError, DocumentExistsError, NOTHING_FOLDED, type CompactionResult, type DocumentLog } from './document-log'
import { foldHere } from './fold'
import { allSessions } from '@shared/history/activity'
import { KEPT_ANNOUNCED_CLIENTS, stateOf } from './merge-state'
import { openStorage } from './storage'


/** A writer of one Y.Doc: each call types into its text and returns the update. */
function writer(clientID: number) {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const text = doc.getText('t')
  return {
    doc,
    type(chars: string): Uint8Array {
      const before = Y.encodeStateVector(doc)
      text.insert(text.length, chars)
      return Y.encodeStateAsUpdate(doc, before)
    },
  }
}

const textOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stateOf(updates))
  return doc.getText('t').toString()
}

const record = (id: string) => ({ id, title: `标题 ${id}`, ownerId: null, createdAt: Date.now() })
const entry = (update: Uint8Array, by: string | null = 'zhang') => ({ update, by, at: Date.now() })

describe.each(STORAGE_ADAPTERS)('DocumentLog contract: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  let log: DocumentLog
  const open = async () => {
    opened = await adapter.open()
    log = opened.storage.documents
  }
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('stores a new document with its roles, department and the record of its making together, or nothing of it', async () => {
    await open()
    const { accounts, orgs } = opened!.storage
    const zhang = await accounts.addUser('zhang', '张伟', 'hash')
    const li = await accounts.addUser('li', '李娜', 'hash')
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const made = { at: 1, by: 'zhang', event: { kind: 'created' } } as const
    await log.create({ ...record('a'), ownerId: zhang.id }, writer(1).type('甲'), { roles: [{ userId: zhang.id, role: 'editor' }, { userId: li.id, role: 'viewer' }], orgId: zfw.id, activity: [made] })
    expect(await accounts.roleOf('a', zhang.id)).toBe('editor')
    expect(await accounts.roleOf('a', li.id)).toBe('viewer')
    expect(await orgs.documentOrg('a')).toBe(zfw.id)
    expect((await log.history('a')).entries).toEqual([made])

    // A department that does not exist (deleted meanwhile): neither the document nor its roles are kept.
    await expect(log.create(record('b'), writer(2).type('乙'), { roles: [{ userId: zhang.id, role: 'editor' }], orgId: zfw.id + 1000, activity: [made] })).rejects.toThrow()
    expect(await log.get('b')).toBeUndefined()
    expect(await accounts.roleOf('b', zhang.id)).toBeUndefined()
    expect((await accounts.rolesOfUser(zhang.id)).map((r) => r.docId)).toEqual(['a'])
    await expect(log.create(record('c'), writer(3).type('丙'), { roles: [{ userId: 9999, role: 'editor' }] })).rejects.toThrow()
    expect(await log.get('c')).toBeUndefined()
    expect((await log.list()).map((d) => d.id)).toEqual(['a'])
  })

  it('creates, lists, renames and deletes documents; a taken id is refused', async () => {
    await open()
    const w = writer(1)
    await log.create(record('a'), w.type('甲'))
    await log.create(record('b'), writer(2).type('乙'))
    await expect(log.create(record('a'), w.type('x'))).rejects.toBeInstanceOf(DocumentExistsError)
    expect((await log.list()).map((d) => d.id)).toEqual(['a', 'b'])
    await log.rename('a', '新标题')
    expect((await log.get('a'))?.title).toBe('新标题')
    await log.delete('b')
    expect(await log.get('b')).toBeUndefined()
    expect((await log.load('b')).updates).toEqual([])
  })

  it('keeps appended updates in order and loads them as one state', async () => {
    await open()
    const w = writer(1)
    await log.create(record('a'), w.type('一'))
    await log.append('a', [entry(w.type('二')), entry(w.type('三'), null)])
    await log.append('a', [entry(w.type('四'))])
    const stored = await log.load('a')
    expect(stored.tailCount).toBe(4)
    expect(stored.tailBytes).toBe(stored.updates.reduce((n, u) => n + u.length, 0))
    expect(textOf(stored.updates)).toBe('一二三四')
  })

  it('binds a client id to the first account that claims it and refuses a whole append that claims one bound to another', async () => {
    await open()
    const w = writer(7)
    await log.create(record('a'), writer(1).type('一'))
    await log.append('a', [entry(w.type('二'), 'lina')], { claims: [{ client: 7, by: 'lina' }] })
    // Claims alone (an announced client id), and the same claim again, are fine.
    await log.append('a', [], { claims: [{ client: 8, by: 'zhang' }, { client: 7, by: 'lina' }] })
    const refused = log.append('a', [entry(writer(9).type('x'), 'zhang')], { claims: [{ client: 9, by: 'zhang' }, { client: 7, by: 'zhang' }] })
    await expect(refused).rejects.toBeInstanceOf(AppendRefusedError)
    const stored = await log.load('a')
    expect(textOf(stored.updates)).toBe('一二')
    expect(stored.clients.sort((x, y) => x.client - y.client)).toEqual([{ client: 7, by: 'lina' }, { client: 8, by: 'zhang' }])
    // Large Yjs client ids (up to 2^53) round-trip.
    await log.append('a', [], { claims: [{ client: 2 ** 40 + 3, by: 'li' }] })
    expect((await log.load('a')).clients.some((c) => c.client === 2 ** 40 + 3)).toBe(true)
  })

  it('compaction keeps every binding of a client id that wrote, and of those only announced the newest KEPT_ANNOUNCED_CLIENTS', async () => {
    await open()
    await log.create(record('a'), writer(1).type('一'))
    await log.append('a', [entry(writer(7).type('二'), 'lina')], { claims: [{ client: 7, by: 'lina' }] })
    // Page loads that announced themselves and never wrote: ids 1000… in the order they came.
    const announced = Array.from({ length: KEPT_ANNOUNCED_CLIENTS + 50 }, (_, i) => ({ client: 1000 + i, by: i % 2 ? 'zhang' : 'li' }))
    await log.append('a', [], { claims: announced.slice(0, 600) })
    await log.append('a', [], { claims: announced.slice(600) })
    // Written into after being announced: kept however old.
    await log.append('a', [entry(writer(1000).type('三'), 'li')], { claims: [{ client: 1000, by: 'li' }] })
    await log.compact('a')
    const kept = new Map((await log.load('a')).clients.map((c) => [c.client, c.by]))
    expect(kept.get(7)).toBe('lina')
    expect(kept.get(1000)).toBe('li')
    expect(kept.size).toBe(2 + KEPT_ANNOUNCED_CLIENTS)
    // The oldest announced-only ones went; the newest stay, still refusing another account.
    expect(kept.has(1001)).toBe(false)
    expect(kept.has(1000 + KEPT_ANNOUNCED_CLIENTS + 49)).toBe(true)
    await expect(log.append('a', [entry(writer(1000 + KEPT_ANNOUNCED_CLIENTS + 49).type('x'), 'lina')], { claims: [{ client: 1000 + KEPT_ANNOUNCED_CLIENTS + 49, by: 'lina' }] })).rejects.toBeInstanceOf(AppendRefusedError)
    await expect(log.append('a', [entry(writer(7).type('y'), 'zhang')], { claims: [{ client: 7, by: 'zhang' }] })).rejects.toBeInstanceOf(AppendRefusedError)
  })

  it('a workflow step moves the epoch on; an append judged under an older one is refused whole', async () => {
    await open()
    const w = writer(7)
    await log.create(record('a'), w.type('一'))
    expect((await log.load('a')).epoch).toBe(0)
    await log.append('a', [entry(w.type('二'))], { epoch: 0 })
    await log.append('a', [entry(writer(1).type('步'), null)], { epoch: 0, step: true })
    expect((await log.load('a')).epoch).toBe(1)
    const stale = (guard: { claims?: { client: number; by: string }[] }) => log.append('a', [entry(writer(8).type('迟'))], { epoch: 0, ...guard })
    await expect(stale({})).rejects.toMatchObject({ reason: 'stale-epoch' })
    await expect(stale({ claims: [{ client: 8, by: 'zhang' }] })).rejects.toBeInstanceOf(AppendRefusedError)
    await expect(log.append('a', [], { epoch: 0, step: true })).rejects.toBeInstanceOf(AppendRefusedError)
    await log.append('a', [entry(w.type('三'))], { epoch: 1 })
    const stored = await log.load('a')
    expect(textOf(stored.updates)).not.toContain('迟')
    expect(stored.epoch).toBe(1)
    expect(stored.clients.some((c) => c.client === 8)).toBe(false)
  })

  it('compaction folds the log into a snapshot and changes nothing of the state', async () => {
    await open()
    const w = writer(1)
    await log.create(record('a'), w.type('一'))
    for (const c of '二三四五') await log.append('a', [entry(w.type(c))])
    const result = await log.compact('a')
    expect(result.updatesMerged).toBe(5)
    expect(result.bytesAfter).toBeGreaterThan(0)
    const stored = await log.load('a')
    expect(stored.tailCount).toBe(0)
    expect(textOf(stored.updates)).toBe('一二三四五')
    await log.append('a', [entry(w.type('六'))])
    expect(textOf((await log.load('a')).updates)).toBe('一二三四五六')
    expect((await log.compact('a')).updatesMerged).toBe(1)
    expect((await log.compact('a')).updatesMerged).toBe(0)
  })

  it('an update appended while a compaction folds (in a worker, say) stays in the log, after what was folded', async () => {
    await open()
    const w = writer(1)
    await log.create(record('a'), w.type('一'))
    await log.append('a', [entry(w.type('二'))])
    let late: Promise<void> | null = null
    // Not awaited in the fold: on PostgreSQL the append waits for the lock the compaction holds.
    const result = await log.compact('a', async (pieces, tail, steps) => {
      late = log.append('a', [entry(w.type('三'), 'li')])
      return foldHere(pieces, tail, steps)
    })
    await late
    expect(result.updatesMerged).toBe(2)
    expect(textOf((await log.load('a')).updates)).toBe('一二三')
    const { tail, entries } = await log.history('a')
    expect(tail.map((u) => u.by)).toEqual(['li'])
    // The folded updates' sessions are recorded; the late one's is recorded when it is folded in turn.
    expect(entries.filter((e) => e.event.kind === 'edits').map((e) => e.by)).toEqual([null, 'zhang'])
  })

  it.skipIf(adapter.name === 'postgres')('a compaction overtaken while it folds stores nothing: the other one folded the same log', async () => {
    // PostgreSQL holds the document's lock while folding, so nothing can overtake it there (the lock case below).
    await open()
    const w = writer(1)
    await log.create(record('a'), w.type('一'))
    await log.append('a', [entry(w.type('二'))])
    let inner: CompactionResult | null = null
    const outer = await log.compact('a', async (pieces, tail, steps) => {
      inner = await log.compact('a')
      await log.append('a', [entry(w.type('三'))])
      return foldHere(pieces, tail, steps)
    })
    expect(inner!.updatesMerged).toBe(2)
    expect(outer).toEqual(NOTHING_FOLDED)
    expect(textOf((await log.load('a')).updates)).toBe('一二三')
    expect((await log.history('a')).tail).toHaveLength(1)
    expect((await log.compact('a')).updatesMerged).toBe(1)
    expect(textOf((await log.load('a')).updates)).toBe('一二三')
  })

  it('loses nothing when writers append while others compact', async () => {
    await open()
    const writers = [writer(1), writer(2), writer(3)]
    await log.create(record('a'), writers[0]!.type('始'))
    const appends = writers.flatMap((w, i) =>
      Array.from({ length: 20 }, (_, n) => async () => log.append('a', [entry(w.type(`${'甲乙丙'[i]}${n};`))])),
    )
    // Appends of one writer stay in order (each builds on the last); writers and compactions interleave.
    await Promise.all([
      ...writers.map((_, i) => (async () => {
        for (const append of appends.slice(i * 20, i * 20 + 20)) await append()
      })()),
      ...Array.from({ length: 6 }, async () => log.compact('a')),
    ])
    const expected = writers.map((w) => w.doc)
    const state = new Y.Doc()
    Y.applyUpdate(state, stateOf((await log.load('a')).updates))
    for (const doc of expected) {
      const missing = Y.diffUpdate(Y.encodeStateAsUpdate(doc), Y.encodeStateVector(state))
      expect(Y.decodeUpdate(missing).structs, 'every write is stored').toHaveLength(0)
    }
    expect(state.getText('t').toString()).toMatch(/^始/)
    expect(state.getText('t').toString().split(';')).toHaveLength(61)
  })

  it('a workflow step parts one person’s typing into two sessions, before compaction and after', async () => {
    await open()
    const zhang = writer(1)
    await log.create(record('a'), zhang.type('始'))
    await log.append('a', [{ update: zhang.type('报送前'), by: 'zhang', at: 1_000 }])
    await log.record('a', [{ at: 2_000, by: 'zhang', event: { kind: 'workflow', action: '报送', from: '编制中', to: '已报送' } }])
    await log.record('a', [{ at: 3_000, by: 'wang', event: { kind: 'workflow', action: '退回修改', from: '已报送', to: '退回修改', note: '补充' } }])
    await log.append('a', [{ update: zhang.type('退回后'), by: 'zhang', at: 4_000 }])
    const sessions = async () => {
      const { entries, tail } = await log.history('a')
      return allSessions(entries, tail).filter((s) => s.by === 'zhang').map((s) => [s.from, s.to, s.inserted])
    }
    expect(await sessions()).toEqual([[1_000, 1_000, 3], [4_000, 4_000, 3]])
    await log.compact('a')
    expect(await sessions()).toEqual([[1_000, 1_000, 3], [4_000, 4_000, 3]])
  })

  it('keeps who wrote what and the recorded activity through compaction', async () => {
    await open()
    const [zhang, wang] = [writer(1), writer(2)]
    await log.create(record('a'), zhang.type('始'))
    await log.append('a', [{ update: zhang.type('张'), by: 'zhang', at: 1_000 }, { update: wang.type('王'), by: 'wang', at: 2_000 }])
    await log.record('a', [{ at: 3_000, by: 'wang', event: { kind: 'workflow', action: '退回修改', from: '已报送', to: '退回修改', note: '补充' } }])
    const before = await log.history('a')
    expect(before.tail.map((u) => u.by)).toEqual([null, 'zhang', 'wang'])
    expect(before.entries).toEqual([{ at: 3_000, by: 'wang', event: { kind: 'workflow', action: '退回修改', from: '已报送', to: '退回修改', note: '补充' } }])

    await log.compact('a')
    const after = await log.history('a')
    expect(after.tail).toEqual([])
    const sessions = after.entries.filter((e) => e.event.kind === 'edits')
    expect(sessions.map((e) => e.by).sort()).toEqual(['wang', 'zhang', null].sort())
    const wangSession = sessions.find((e) => e.by === 'wang')!.event as { insertedRanges: number[][]; inserted: number }
    expect(wangSession.inserted).toBe(1)
    expect(wangSession.insertedRanges).toEqual([[2, 0, 1, 2_000]])
    expect(after.entries.some((e) => e.event.kind === 'workflow')).toBe(true)
    await log.delete('a')
    expect((await log.history('a')).entries).toEqual([])
  })

  it('keeps a summary until the document changes; a summary read before a change is not kept after it', async () => {
    await open()
    const w = writer(1)
    await log.create(record('a'), w.type('甲'))
    const first = (await log.summaries(['a', 'gone'])).get('a')!
    expect(first.summary).toBeNull()
    expect((await log.summaries(['gone'])).get('gone')?.summary ?? null).toBeNull()
    await log.keepSummary('a', first.gen, { total: 1 })
    expect((await log.summaries(['a'])).get('a')!.summary).toEqual({ total: 1 })
    // A change (an append, or recorded activity) makes it out of date…
    await log.append('a', [entry(w.type('乙'))])
    const second = (await log.summaries(['a'])).get('a')!
    expect(second.summary).toBeNull()
    // …and a summary read before another change is not kept after it.
    await log.record('a', [{ at: Date.now(), by: 'zhang', event: { kind: 'created' } }])
    await log.keepSummary('a', second.gen, { total: 2 })
    expect((await log.summaries(['a'])).get('a')!.summary).toBeNull()
    const third = (await log.summaries(['a'])).get('a')!
    await log.keepSummary('a', third.gen, { total: 3 })
    await log.compact('a')
    expect((await log.summaries(['a'])).get('a')!.summary).toEqual({ total: 3 })
  })

  it('a version holds the state as stored when it was taken', async () => {
    await open()
    const w = writer(1)
    await log.create(record('a'), w.type('一'))
    await log.append('a', [entry(w.type('二'))])
    const first = await log.saveVersion('a', { name: '报送（张伟）', status: '已报送', byUser: 'zhang', createdAt: 1, note: '' })
    await log.append('a', [entry(w.type('三'))])
    await log.compact('a')
    const second = await log.saveVersion('a', { name: '退回修改（王芳）', status: '退回修改', byUser: 'wang', createdAt: 2, note: '请补充成本指标' })
    expect(await log.versions('a')).toEqual([
      { id: first, name: '报送（张伟）', status: '已报送', byUser: 'zhang', createdAt: 1, note: '' },
      { id: second, name: '退回修改（王芳）', status: '退回修改', byUser: 'wang', createdAt: 2, note: '请补充成本指标' },
    ])
    expect(textOf([(await log.versionState('a', first))!])).toBe('一二')
    expect(textOf([(await log.versionState('a', second))!])).toBe('一二三')
    expect(await log.versionState('a', second + 100)).toBeUndefined()
    await log.deleteVersions('a', [first])
    expect((await log.versions('a')).map((v) => v.id)).toEqual([second])
    expect(await log.versionState('a', first)).toBeUndefined()
  })
})

describe('PostgreSQL document lock', () => {
  it('an instance killed while holding a document lock does not wedge the document', async () => {
    const schema = freshSchema()
    const storage = await openStorage(schema.config)
    try {
      const w = writer(1)
      await storage.documents.create(record('a'), w.type('一'))
      await storage.documents.append('a', [entry(w.type('二'))])
      // Another process takes the lock as compaction does, then is killed -9 while holding it.
      const holder = spawn(
        process.execPath,
        ['-e', `
          const pg = require('pg')
          const client = new pg.Client({ connectionString: process.argv[1], options: '-c search_path=${schema.config.schema}' })
          client.connect()
            .then(() => client.query('BEGIN'))
            .then(() => client.query("SELECT pg_advisory_xact_lock(hashtextextended('jixiao:doc:a', 0))"))
            .then(() => console.log('locked'))
          setInterval(() => {}, 1000)
        `, TEST_DATABASE_URL],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      await new Promise<void>((resolve) => holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()))
      let compacted = false
      const compaction = storage.documents.compact('a').then((r) => {
        compacted = true
        return r
      })
      await new Promise((r) => setTimeout(r, 300))
      expect(compacted, 'compaction waits for the lock').toBe(false)
      holder.kill('SIGKILL')
      expect((await compaction).updatesMerged).toBe(2)
      expect(textOf((await storage.documents.load('a')).updates)).toBe('一二')
    } finally {
      await storage.close()
      await schema.drop()
    }
  }, 20_000)
})
