/**
 * The use cases' ports for the operator's command line: the data the
 * command names (`--data`/`--store`), file workers of its own (files
 * given to the CLI are read as uploads are), and no relay — changes go to
 * storage, where a running server picks them up (`documentsAtRest`).
 * The commands then call the same use cases as the HTTP API, as `OPERATOR`.
 */
import type { Ports } from '../documents/ports'
import { documentsAtRest } from '../documents/documents-at-rest'
import { FileWorkers } from '../files/file-workers'
import { Notifier } from '../notifications/notifier'
import { openServerData, type ServerData } from '../server-data'
import type { StorageConfig } from '../storage/storage'

export type OperatorPorts = Ports & ServerData

/** Opens the data, runs `work` on the ports, and closes workers and data whatever happens. */
export async function withOperatorPorts<T>(config: StorageConfig, work: (p: OperatorPorts) => Promise<T>): Promise<T> {
  const data = await openServerData(config)
  const files = new FileWorkers()
  try {
    return await work(Object.assign(data, { notifier: new Notifier(data), live: documentsAtRest(data.service), files }))
  } finally {
    await files.close()
    await data.close()
  }
}
