/**
 * What became of the last thing a person asked a form to do: what happened,
 * or why not (the server's message), shown under the form.
 */
import { createSignal, Show } from 'solid-js'

export function createOutcome() {
  const [message, setMessage] = createSignal('')
  const [error, setError] = createSignal('')
  /** Runs `work`, which says what it did; a failure's message is shown instead. */
  const attempt = async (work: () => Promise<string>) => {
    setMessage('')
    setError('')
    try {
      setMessage(await work())
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return { message, error, attempt, fail: setError }
}

export type Outcome = ReturnType<typeof createOutcome>

export function OutcomeLine(props: { outcome: Outcome }) {
  return (
    <>
      <Show when={props.outcome.message()}><p role="status">{props.outcome.message()}</p></Show>
      <Show when={props.outcome.error()}><p class="error" role="alert">{props.outcome.error()}</p></Show>
    </>
  )
}
