/**
 * A page's read from the server that failed — offline, most often — is made
 * again when the browser is back online (the window's `online` event),
 * without a reload: a page opened offline fills in by itself once the
 * network returns. A read that succeeded is not repeated. Inside a document
 * the moment to read again is the document reaching the server
 * (`createRereadWhenSynced`), which comes after the network does.
 */
import { onCleanup, type Resource } from 'solid-js'

/** Calls `reread` each time the browser comes back online while `resource` has failed; tied to the calling owner. */
export function createRereadWhenOnline(resource: Resource<unknown>, reread: () => unknown): void {
  const onOnline = () => {
    if (resource.state === 'errored') void reread()
  }
  window.addEventListener('online', onOnline)
  onCleanup(() => window.removeEventListener('online', onOnline))
}
