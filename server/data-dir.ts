/**
 * Everything that lives in a data directory — the database, the stores on
 * it and the signing secret — opened together, for the server and for the
 * CLI commands that work on the same directory.
 */
import { loadOrCreateSecret } from './auth/secret'
import { DocumentService } from './document-service'
import { AccountStore } from './storage/account-store'
import { openDatabase, type Db } from './storage/database'
import { DocumentStore } from './storage/document-store'

export const DEFAULT_DATA_DIR = './data'

export interface DataDir {
  path: string
  db: Db
  accounts: AccountStore
  documents: DocumentStore
  service: DocumentService
  secret: Buffer
  close(): void
}

export function openDataDir(path: string): DataDir {
  const db = openDatabase(path)
  const documents = new DocumentStore(db)
  return {
    path,
    db,
    accounts: new AccountStore(db),
    documents,
    service: new DocumentService(documents),
    secret: loadOrCreateSecret(path),
    close: () => db.close(),
  }
}
