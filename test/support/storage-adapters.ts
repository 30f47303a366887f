/**
 * Every storage adapter, opened fresh for a contract test: memory, SQLite
 * in a new data directory, PostgreSQL in a new schema (dropped after).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage, type Storage } from '../../server/storage/storage'
import { freshSchema } from '../../support/postgres'

export interface OpenedStorage {
  storage: Storage
  /** Closes the storage and removes what it made. */
  discard(): Promise<void>
}

export const STORAGE_ADAPTERS: { name: string; open(): Promise<OpenedStorage> }[] = [
  { name: 'memory', open: async () => closing(await openStorage({ kind: 'memory' })) },
  { name: 'sqlite', open: async () => closing(await openStorage({ kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'jixiao-store-')) })) },
  {
    name: 'postgres',
    open: async () => {
      const schema = freshSchema()
      return closing(await openStorage(schema.config), () => schema.drop())
    },
  },
]

const closing = (storage: Storage, drop: () => Promise<void> = async () => {}): OpenedStorage => ({
  storage,
  async discard() {
    await storage.close()
    await drop()
  },
})
