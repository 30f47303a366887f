/**
 * What a page read from the server, in its three states: still loading, failed
 * (why, and what to do: offline, reload once online; otherwise the server's
 * message), and loaded (the content, or its own real empty message). A failed
 * read must never look like an empty list, and reading a failed resource
 * throws in Solid, so pages read one only through here.
 */
import { Match, Switch, type JSX, type Resource } from 'solid-js'
import { ApiFailure } from '../api/http'
import { T } from '../i18n/zh-CN'

/** The message for a read of `what` that failed: the network's, or the server's own. */
export function loadFailure(what: string, error: unknown): string {
  if (error instanceof ApiFailure && error.code === 'offline') return T.loadFailedOffline(what)
  return T.loadFailed(what, error instanceof Error ? error.message : String(error))
}

/** The resource's value as last read, or undefined while it loads or when it failed: reading it never throws. */
export function loadedValue<V>(resource: Resource<V>): V | undefined {
  return resource.state === 'ready' || resource.state === 'refreshing' ? resource.latest : undefined
}

/**
 * Shows `children(value)` once `resource` has a value (also while it reads again: `value()` follows it), the
 * failure's message if it failed, else a loading line. `what` names the content in the messages, as 审核队列.
 */
export function Loaded<V>(props: { resource: Resource<V>; what: string; children: (value: () => V) => JSX.Element }) {
  return (
    <Switch fallback={<p class="loading">{T.loading(props.what)}</p>}>
      <Match when={props.resource.state === 'errored'}>
        <p class="error" role="alert" data-testid="load-failed">{loadFailure(props.what, props.resource.error)}</p>
      </Match>
      <Match when={loadedValue(props.resource) !== undefined}>
        {props.children(() => props.resource.latest as V)}
      </Match>
    </Switch>
  )
}
