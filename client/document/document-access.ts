/**
 * Whether and how this person may change the open document: their role
 * (remembered for offline opens, then asked of the server), why they cannot
 * edit now, their own switch for suggestion mode, and whether they may
 * comment. `refresh()` makes the editor mirror it; the session calls it
 * whenever a fact it depends on changes.
 */
import type { Editor } from '@tiptap/core'
import { createSignal, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { schemaVersionOf } from '@shared/model/y-document'
import type { Role } from '@shared/protocol/role'
import type { Status } from '@shared/review/workflow'
import { api } from '../api/http'
import { readOnlyReason as computeReadOnlyReason } from '../editor/editability'
import { rememberedRole, rememberRole, roleJustHeard } from '../session'
import type { DocConnection } from '../sync/doc-connection'

export interface DocumentAccess {
  readonly role: Accessor<Role | null>
  /** Why this person cannot edit now ('' when they can). */
  readonly readOnlyReason: Accessor<string>
  /** Staff's own switch for suggestion mode (reviewers always suggest). */
  readonly suggesting: Accessor<boolean>
  toggleSuggesting(): void
  /** Whether one's edits are tracked as suggestions now. */
  readonly tracking: Accessor<boolean>
  readonly canComment: Accessor<boolean>
}

export function createDocumentAccess(
  docId: string,
  connection: DocConnection,
  status: Accessor<Status>,
  editor: Accessor<Editor | null>,
): DocumentAccess & { refresh(): void } {
  const ydoc: Y.Doc = connection.ydoc
  const [role, setRole] = createSignal(rememberedRole(docId))
  const [suggesting, setSuggesting] = createSignal(false)
  const readOnlyReason = () =>
    computeReadOnlyReason({
      denied: connection.facts().denied,
      refusal: connection.refusal(),
      schemaVersion: schemaVersionOf(ydoc),
      role: role(),
      status: status(),
    })
  const refresh = () => {
    const current = editor()
    // The role may arrive after the person has left the page: the destroyed editor has no storage left to set.
    if (!current || current.isDestroyed) return
    current.storage.suggestMode.enabled = role() === 'reviewer' || suggesting()
    // Only a change: Tiptap's setEditable updates the whole view even when nothing changes (a forced layout at every open).
    const editable = readOnlyReason() === ''
    if (current.isEditable !== editable) current.setEditable(editable)
  }

  // Opened from the list, the role is the one the list fetched moments ago; opened by its address, it is asked for.
  if (!roleJustHeard(docId)) api.documents().then(({ documents }) => {
    const mine = documents.find((d) => d.id === docId)
    if (!mine) return
    rememberRole(docId, mine.role)
    setRole(mine.role)
    refresh()
  }, () => {}) // offline: keep the remembered role

  return {
    role,
    readOnlyReason,
    suggesting,
    toggleSuggesting: () => {
      setSuggesting(!suggesting())
      refresh()
    },
    tracking: () => readOnlyReason() === '' && (role() === 'reviewer' || suggesting()),
    canComment: () => !connection.facts().denied && role() !== null && role() !== 'viewer',
    refresh,
  }
}
