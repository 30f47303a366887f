/**
 * Where the document stands in the workflow, as the server writes it into
 * `meta`: the status, the record of its last step, and whether the document
 * was started from last year's. Every replica hears it live; the observer is
 * removed when the owning Solid scope is disposed.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { META_KEY, metaOf } from '@shared/model/y-document'
import { statusOf, statusRecordOf, type Status } from '@shared/review/workflow'

export interface WorkflowState {
  readonly status: Accessor<Status>
  /** Who took the last step, when, and with what note. */
  readonly record: Accessor<ReturnType<typeof statusRecordOf>>
  /** Whether the document was started from last year's (so it can be compared with it). */
  readonly hasPredecessor: Accessor<boolean>
}

/** `onChange` runs after the signals are updated, each time the server writes `meta`. */
export function createWorkflowState(ydoc: Y.Doc, onChange: () => void): WorkflowState {
  const meta = metaOf(ydoc)
  const predecessorIn = () => typeof meta.get(META_KEY.predecessor) === 'string'
  const [status, setStatus] = createSignal<Status>(statusOf(ydoc))
  const [record, setRecord] = createSignal(statusRecordOf(ydoc))
  const [hasPredecessor, setHasPredecessor] = createSignal(predecessorIn())
  const onMeta = () => {
    setStatus(statusOf(ydoc))
    setRecord(statusRecordOf(ydoc))
    setHasPredecessor(predecessorIn())
    onChange()
  }
  meta.observe(onMeta)
  onCleanup(() => meta.unobserve(onMeta))
  return { status, record, hasPredecessor }
}
