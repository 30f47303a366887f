/**
 * Everything a server or a CLI command works on: the storage (SQLite,
 * PostgreSQL or memory), and the services over it — documents, logins,
 * permissions.
 */
import { Logins } from './auth/logins'
import { DocumentPermissions } from './auth/document-permissions'
import { DocumentService } from './document-service'
import type { StoredReader } from './files/stored-document-readings'
import { openStorage, type Storage, type StorageConfig } from './storage/storage'

export const DEFAULT_DATA_DIR = './data'

export interface ServerData extends Storage {
  readonly service: DocumentService
  readonly logins: Logins
  /** Who may open which document: shared roles and organisations together. */
  readonly permissions: DocumentPermissions
}

/** `reader`: where stored documents are read (a server reads large ones in a worker; the CLI here). */
export async function openServerData(config: StorageConfig, reader?: StoredReader): Promise<ServerData> {
  const storage = await openStorage(config)
  return Object.assign(storage, {
    service: new DocumentService(storage.documents, reader),
    logins: new Logins(storage.accounts),
    permissions: new DocumentPermissions(storage.accounts, storage.orgs),
  })
}
