/**
 * What a page read from the server, in its three states: still loading, failed
 * (why, and what to do: offline, reload once online; otherwise the server's
 * message), and loaded (the content, or its own real empty message). A failed
 * read must never look like an empty list, and reading a failed resource
 * throws in Solid, so pages read one only through here. A read that fails
 * after one succeeded (a refresh, another sort) keeps what was read, saying
 * it could not be refreshed: the good list is not swapped for an error; so
 * does a copy kept from an earlier page (`kept`) when this page read nothing.
 * Given `retry`, a failed read's message offers 重试 beside it; a read refused
 * for want of a login offers 登录, which comes back here after it.
 */
import { createMemo, Match, Show, Switch, type Accessor, type JSX, type Resource } from 'solid-js'
import { ApiFailure } from '../api/http'
import { T } from '../i18n/zh-CN'
import { toLogin } from '../router'

export const isOffline = (error: unknown): boolean => error instanceof ApiFailure && error.code === 'offline'
export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** A read the server refused to this person (403): no failure of the network or the server, and no retry reads it. */
const refused = (error: unknown) => error instanceof ApiFailure && error.status === 403

/** The message for a read of `what` that failed: the network's, or the server's own (alone, where it refused: why it is not theirs). */
export function loadFailure(what: string, error: unknown): string {
  return isOffline(error) ? T.loadFailedOffline(what) : refused(error) ? reasonOf(error) : T.loadFailed(what, reasonOf(error))
}

/** The message for a read of `what` that failed when an earlier one had succeeded: what is shown is that earlier one. */
export function refreshFailure(what: string, error: unknown): string {
  return isOffline(error) ? T.refreshFailedOffline(what) : T.refreshFailed(what, reasonOf(error))
}

/**
 * The resource's value as last read successfully: kept while it reads again and when a later read fails
 * (undefined until one succeeded). Reading it never throws. Call it in the owner the resource lives in.
 * `kept`: a copy kept from an earlier page (the list, on this PC), the value when the read failed before one
 * succeeded here.
 */
export function createLastLoaded<V>(resource: Resource<V>, kept?: () => V | undefined): Accessor<V | undefined> {
  // By the state, not `?? before`: a value read as null (no deadline, say) replaces the one before it.
  const read = createMemo<V | undefined>((before) => (resource.state === 'ready' || resource.state === 'refreshing' ? resource.latest : before))
  return () => {
    const value = read()
    return value === undefined && resource.state === 'errored' ? kept?.() : value
  }
}

/**
 * Shows `children(value)` once `resource` has a value (also while it reads again: `value()` follows it), the
 * failure's message if it failed, else a loading line. A read that fails after one succeeded leaves the last
 * value shown, under a line saying it could not be refreshed; a first read that fails shows `kept` (if any) the same way.
 * `what` names the content in the messages, as 审核队列; `retry` (usually the resource's `refetch`) puts a 重试
 * button beside a failure's message.
 */
export function Loaded<V>(props: { resource: Resource<V>; what: string; retry?: () => unknown; kept?: () => V | undefined; children: (value: () => V) => JSX.Element }) {
  // The resource a page passes is its own for the page's life: read once here.
  const last = createLastLoaded(props.resource, () => props.kept?.())
  return (
    <Switch fallback={<p class="loading">{T.loading(props.what)}</p>}>
      <Match when={last() !== undefined}>
        <Show when={props.resource.state === 'errored'}>
          <p class="error" role="alert" data-testid="refresh-failed">{refreshFailure(props.what, props.resource.error)}</p>
          <Retry retry={props.retry} error={props.resource.error} />
        </Show>
        {props.children(() => last() as V)}
      </Match>
      <Match when={props.resource.state === 'errored'}>
        <p class="error" role="alert" data-testid="load-failed">{loadFailure(props.what, props.resource.error)}</p>
        <Retry retry={props.retry} error={props.resource.error} />
      </Match>
    </Switch>
  )
}

/**
 * 重试 beside a failure's message, when the read can be made again; 登录 when the login is over (请先登录: the
 * session ended or expired), which comes back to this page once logged in again.
 */
function Retry(props: { retry: (() => unknown) | undefined; error: unknown }) {
  return (
    <Show when={!loggedOut(props.error)} fallback={<button class="small retry" onClick={() => toLogin()}>{T.login}</button>}>
      <Show when={!refused(props.error) && props.retry}>
        {(retry) => <button class="small retry" onClick={() => void retry()()}>{T.retry}</button>}
      </Show>
    </Show>
  )
}

const loggedOut = (error: unknown) => error instanceof ApiFailure && error.status === 401
