/**
 * A read of the open document's page from the server (its 报送 deadline,
 * last year's results) that failed — offline, most often — is made again
 * when the document's connection reaches the server again, without a
 * reload. A read that succeeded is not repeated.
 */
import { createEffect, createMemo, on, type Accessor, type Resource } from 'solid-js'

/** Calls `reread` each time `serverSynced` turns true while `resource` has failed; tied to the calling owner. */
export function createRereadWhenSynced(serverSynced: Accessor<boolean>, resource: Resource<unknown>, reread: () => unknown): void {
  // The connection's facts change with every edit: only a change of this one fact asks again.
  const synced = createMemo(serverSynced)
  createEffect(on(synced, (now) => {
    if (now && resource.state === 'errored') void reread()
  }, { defer: true }))
}
