/**
 * @-completion under a comment box: while the text ends with `@` and part
 * of a name, the document's people whose 姓名 starts so are offered; a
 * click completes the name. The server notifies whoever is named.
 */
import { For, Show } from 'solid-js'
import { mentionPrefix } from './mention-prefix'


export function MentionHints(props: { text: string; namesStarting: (prefix: string) => string[]; onPick: (completed: string) => void }) {
  const options = () => {
    const prefix = mentionPrefix(props.text)
    return prefix === null ? [] : props.namesStarting(prefix)
  }
  return (
    <Show when={options().length > 0}>
      <span class="mention-hints" data-testid="mention-hints">
        <For each={options()}>
          {(name) => (
            <button type="button" class="small" onClick={() => props.onPick(props.text.replace(/@[^\s@，。,.:：;；!！?？、）)]*$/, `@${name} `))}>
              @{name}
            </button>
          )}
        </For>
      </span>
    </Show>
  )
}
