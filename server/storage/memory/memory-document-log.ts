/** The document log in memory: for tests and the contract suite; nothing survives the process. */
import { AppendRefusedError, clientTaken, DocumentExistsError, type Belongings, STALE_EPOCH, NOTHING_FOLDED, type AppendGuard, type ActivityEntry, type CompactionResult, type StoredHistory, type DocumentLog, type DocumentRecord, type KeptSummary, type LoggedUpdate, type NewVersion, type StoredState, type VersionRecord } from '../document-log'
import { stepTimes } from '@shared/history/activity'
import { foldHere, type Fold } from '../fold'
import { bindingsToForget, mergeState } from '../merge-state'
import type { AccountStore } from '../account-store'
import type { OrgStore } from '../org-store'
import { StorageError } from '../storage-error'

interface StoredDocument {
  record: DocumentRecord
  snapshot: Uint8Array | null
  log: LoggedUpdate[]
  versions: (VersionRecord & { state: Uint8Array })[]
  activity: ActivityEntry[]
  clients: Map<number, string>
  gen: number
  summary: { gen: number; value: unknown } | null
  epoch: number
}

export class MemoryDocumentLog implements DocumentLog {
  private readonly docs = new Map<string, StoredDocument>()
  private nextVersionId = 1

  /** `stores`: where a new document's roles and department go (the memory storage's own); without them a document is made with none. */
  constructor(private readonly stores?: { accounts: AccountStore; orgs: OrgStore }) {}

  async create(record: DocumentRecord, initialUpdate: Uint8Array, belongings: Belongings = {}): Promise<void> {
    if (this.docs.has(record.id)) throw new DocumentExistsError(record.id)
    // Everything is checked before anything is written, as the SQL adapters' constraints do inside their transaction.
    const roles = belongings.roles ?? []
    if ((roles.length > 0 || belongings.orgId !== undefined) && !this.stores) throw new StorageError('other', '内存文档库没有连接账户与组织存储')
    for (const { userId } of roles) if (!(await this.stores!.accounts.userById(userId))) throw new StorageError('other', `没有这个用户：${userId}`)
    if (belongings.orgId !== undefined && !(await this.stores!.orgs.orgById(belongings.orgId))) throw new StorageError('other', `没有这个组织：${belongings.orgId}`)
    if (this.docs.has(record.id)) throw new DocumentExistsError(record.id)
    this.docs.set(record.id, { record: { ...record }, snapshot: null, log: [{ update: initialUpdate, by: null, at: record.createdAt }], versions: [], activity: structuredClone([...(belongings.activity ?? [])]), clients: new Map(), epoch: 0, gen: 0, summary: null })
    for (const { userId, role } of roles) await this.stores!.accounts.setRole(record.id, userId, role)
    if (belongings.orgId !== undefined) await this.stores!.orgs.setDocumentOrg(record.id, belongings.orgId)
  }

  async get(id: string): Promise<DocumentRecord | undefined> {
    const doc = this.docs.get(id)
    return doc && { ...doc.record }
  }

  async list(): Promise<DocumentRecord[]> {
    return [...this.docs.values()].map((d) => ({ ...d.record })).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  }

  async rename(id: string, title: string): Promise<void> {
    const doc = this.docs.get(id)
    if (doc) doc.record.title = title
  }

  async delete(id: string): Promise<void> {
    this.docs.delete(id)
  }

  async append(docId: string, updates: readonly LoggedUpdate[], { claims = [], epoch, step = false }: AppendGuard = {}): Promise<void> {
    // A deleted document takes no more updates, as a foreign key would refuse them.
    const doc = this.docs.get(docId)
    if (!doc) return
    if (epoch !== undefined && epoch !== doc.epoch) throw new AppendRefusedError('stale-epoch', STALE_EPOCH)
    const taken = claims.find(({ client, by }) => (doc.clients.get(client) ?? by) !== by)
    if (taken) throw new AppendRefusedError('client-taken', clientTaken(taken.client))
    for (const { client, by } of claims) if (!doc.clients.has(client)) doc.clients.set(client, by)
    doc.log.push(...updates.map((u) => ({ ...u, update: u.update.slice() })))
    if (updates.length > 0) doc.gen++
    if (step) doc.epoch++
  }

  async load(docId: string): Promise<StoredState> {
    const doc = this.docs.get(docId)
    if (!doc) return { updates: [], tailCount: 0, tailBytes: 0, clients: [], epoch: 0 }
    return {
      updates: [...(doc.snapshot ? [doc.snapshot] : []), ...doc.log.map((u) => u.update)],
      tailCount: doc.log.length,
      tailBytes: doc.log.reduce((n, u) => n + u.update.length, 0),
      clients: [...doc.clients].map(([client, by]) => ({ client, by })),
      epoch: doc.epoch,
    }
  }

  async compact(docId: string, fold: Fold = foldHere): Promise<CompactionResult> {
    const doc = this.docs.get(docId)
    if (!doc || doc.log.length === 0) return NOTHING_FOLDED
    const { snapshot } = doc
    const tail = [...doc.log]
    const pieces = [...(snapshot ? [snapshot] : []), ...tail.map((u) => u.update)]
    const { state, activity } = await fold(pieces, tail, stepTimes(doc.activity))
    // Appended while it folded: kept after what it folded. Overtaken by another compaction, or deleted: nothing to store.
    if (this.docs.get(docId) !== doc || doc.snapshot !== snapshot) return NOTHING_FOLDED
    doc.snapshot = state
    for (const client of bindingsToForget(state, [...doc.clients.keys()])) doc.clients.delete(client)
    doc.activity.push(...activity)
    doc.log = doc.log.slice(tail.length)
    return { updatesMerged: tail.length, bytesBefore: pieces.reduce((n, p) => n + p.length, 0), bytesAfter: state.length }
  }

  async record(docId: string, entries: readonly ActivityEntry[]): Promise<void> {
    const doc = this.docs.get(docId)
    if (!doc) return
    doc.activity.push(...structuredClone(entries))
    if (entries.length > 0) doc.gen++
  }

  async summaries(docIds: readonly string[]): Promise<Map<string, KeptSummary>> {
    const kept = new Map<string, KeptSummary>()
    for (const id of docIds) {
      const doc = this.docs.get(id)
      if (doc) kept.set(id, { gen: doc.gen, summary: doc.summary?.gen === doc.gen ? structuredClone(doc.summary.value) : null })
    }
    return kept
  }

  async keepSummary(docId: string, gen: number, summary: unknown): Promise<void> {
    const doc = this.docs.get(docId)
    if (doc?.gen === gen) doc.summary = { gen, value: structuredClone(summary) }
  }

  async history(docId: string): Promise<StoredHistory> {
    const doc = this.docs.get(docId)
    return { entries: structuredClone(doc?.activity ?? []), tail: [...(doc?.log ?? [])] }
  }

  async saveVersion(docId: string, version: NewVersion, state?: Uint8Array): Promise<number> {
    const doc = this.docs.get(docId)
    if (!doc) throw new Error(`没有这个文档：${docId}`)
    const id = this.nextVersionId++
    doc.versions.push({ ...version, id, state: state ?? mergeState((await this.load(docId)).updates) })
    return id
  }

  async versions(docId: string): Promise<VersionRecord[]> {
    return (this.docs.get(docId)?.versions ?? []).map(({ state: _state, ...record }) => record)
  }

  async deleteVersions(docId: string, ids: readonly number[]): Promise<void> {
    const doc = this.docs.get(docId)
    if (doc) doc.versions = doc.versions.filter((v) => !ids.includes(v.id))
  }

  async versionState(docId: string, versionId: number): Promise<Uint8Array | undefined> {
    return this.docs.get(docId)?.versions.find((v) => v.id === versionId)?.state
  }
}
