/**
 * The live documents of a process that holds none open: the operator's
 * command line, run beside a server or on a stopped one's data. A change
 * goes to storage as one logged update (`DocumentService.changeStored`),
 * which a running server serving the document catches up from, or reads
 * when it next loads it; role and credential changes are stored already
 * and a running server applies them to its connections within seconds (its
 * periodic re-check). So the use cases run unchanged for the operator.
 */
import type { DocumentService } from '../document-service'
import type { LiveDocuments } from './ports'

export function documentsAtRest(service: Pick<DocumentService, 'changeStored'>): LiveDocuments {
  return {
    flush: async () => {},
    loadedDocument: () => undefined,
    applyServerChange: (docId, change, { by } = {}) => service.changeStored(docId, change, by ?? null),
    closeDocument: async () => {},
    setRole: () => {},
    closeUnauthenticated: async () => {},
    recheckConnections: async () => {},
  }
}
