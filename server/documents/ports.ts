/**
 * What the use cases work through: the storage ports, the services over
 * them, and the live documents a relay holds open. Each use case names
 * the few it needs (`Pick<Ports, …>`), so a test gives it just those.
 */
import type { DocumentPermissions } from '../auth/document-permissions'
import type { Logins } from '../auth/logins'
import type { DocumentService } from '../document-service'
import type { FileWorkers } from '../files/file-workers'
import type { Notifier } from '../notifications/notifier'
import type { Relay } from '../relay/relay'
import type { AccountStore } from '../storage/account-store'
import type { DocumentLog } from '../storage/document-log'
import type { NotificationStore } from '../storage/notification-store'
import type { OpinionDraftStore } from '../storage/opinion-drafts'
import type { OrgStore } from '../storage/org-store'

/** Documents open on this server: changes the server makes go through them, so every open editor sees them at once. */
export type LiveDocuments = Pick<Relay, 'flush' | 'applyServerChange' | 'loadedDocument' | 'closeDocument' | 'setRole' | 'closeUnauthenticated' | 'recheckConnections'>

export interface Ports {
  documents: DocumentLog
  accounts: AccountStore
  orgs: OrgStore
  permissions: DocumentPermissions
  notifications: NotificationStore
  opinions: OpinionDraftStore
  notifier: Notifier
  logins: Logins
  service: DocumentService
  live: LiveDocuments
  /** Uploaded files are read, and exports written, in worker threads with heap and time limits. */
  files: Pick<FileWorkers, 'read' | 'write'>
  secret: Buffer
}
