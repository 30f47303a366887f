/**
 * The storage matrix runs a store-choosing test file again on PostgreSQL
 * (`vite.config.ts`). A case whose outcome is decided before anything is
 * read or stored — routes, headers, body caps, rates, frames, awareness,
 * refusals by the relay's rules, work done off the main thread — proves
 * nothing more there: the SQLite run covers it, and the PostgreSQL run
 * keeps to the cases that reach the stores.
 */
import { it } from 'vitest'
import { testStore } from '../../support/postgres'

/** `it`, run in the SQLite project only. */
export const beforeTheStore = it.skipIf(testStore() === 'postgres')
