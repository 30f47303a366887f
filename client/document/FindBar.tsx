/**
 * 查找替换: a bar under the toolbar. Typing the search text stands on the
 * first match from the cursor (highlighted, scrolled to, the focus left in
 * the field: 「第 1/5 处」); 查找下一个 moves on to the following one and
 * selects it. 替换 replaces the match it stands on at once and moves on to
 * the next (「已替换 1 处，第 2/4 处」); standing on none, it finds the first
 * from the cursor and replaces that. 全部替换 replaces every match in one
 * change (one undo). Replacing follows 修订模式 like typing does. The match
 * stood on is followed through everyone's changes (`find-highlight.ts`).
 */
import type { Editor } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js'
import { currentMatch, settingCurrentMatch } from '../editor/find-highlight'
import { findMatches, indexOfMatch, matchFrom, replaceMatches, type Match } from '../editor/find-replace'
import { T } from '../i18n/zh-CN'

/** `asked` changes each time the person asks to find (Ctrl+F): the search field takes the focus, its text selected. */
/** `mayReplace`: whether this person may change the document now; where not (a viewer, an approved document) the bar finds only — a replacement the server then refused reloaded the page. */
export function FindBar(props: { editor: () => Editor | null; onClose: () => void; asked?: () => number; mayReplace: () => boolean }) {
  let field: HTMLInputElement | undefined
  createEffect(on(() => props.asked?.(), () => {
    field?.focus()
    field?.select()
  }))
  const [query, setQuery] = createSignal('')
  const [replacement, setReplacement] = createSignal('')
  const [current, setCurrent] = createSignal<{ index: number; total: number } | null>(null)
  const [replaced, setReplaced] = createSignal<number | null>(null)
  const matches = (): Match[] => {
    const editor = props.editor()
    return editor ? findMatches(editor.state.doc, query()) : []
  }
  /** Stands on `match` (or none): highlighted, and where it stands said; `select` also selects it in the editor, which takes the focus. */
  const standOn = (editor: Editor, all: Match[], index: number, { select }: { select: boolean }) => {
    const match = all[index]
    editor.view.dispatch(settingCurrentMatch(editor.state.tr, match ?? null))
    setCurrent({ index: Math.max(index, 0), total: all.length })
    if (!match) return
    if (select) return void editor.chain().focus().setTextSelection(match).scrollIntoView().run()
    // The focus stays in the bar: the match is brought to the middle of the window instead of the caret.
    const { node } = editor.view.domAtPos(match.from)
    ;(node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.scrollIntoView({ block: 'center' })
  }
  /** The match stood on, if it is still one (its text may have been changed since). */
  const standingOn = (editor: Editor, all: Match[]) => indexOfMatch(all, currentMatch(editor.state))
  const find = (text: string) => {
    setQuery(text)
    setReplaced(null)
    const editor = props.editor()
    if (!editor) return
    if (text === '') {
      editor.view.dispatch(settingCurrentMatch(editor.state.tr, null))
      return setCurrent(null)
    }
    const all = matches()
    standOn(editor, all, matchFrom(all, editor.state.selection.from), { select: false })
  }
  const next = () => {
    setReplaced(null)
    const editor = props.editor()
    if (!editor) return
    const all = matches()
    const at = standingOn(editor, all)
    standOn(editor, all, at >= 0 ? (at + 1) % all.length : matchFrom(all, editor.state.selection.to), { select: true })
  }
  const replaceOne = () => {
    const editor = props.editor()
    if (!editor) return
    const all = matches()
    const standing = standingOn(editor, all)
    const index = standing >= 0 ? standing : matchFrom(all, editor.state.selection.from)
    const target = all[index]
    if (!target) return standOn(editor, all, -1, { select: false })
    const tr = replaceMatches(editor.state, [target], replacement())
    if (!tr) return
    // Where the replaced text ends, through what the editor made of the change (修订模式 keeps the old text, marked).
    let after = target.to
    const follow = ({ transaction }: { transaction: Transaction }) => (after = transaction.mapping.map(after, 1))
    const before = editor.state.doc
    editor.on('transaction', follow)
    try {
      editor.view.dispatch(tr)
    } finally {
      editor.off('transaction', follow)
    }
    // Refused by the editor (a carried target, say: the editor says why): nothing was replaced.
    if (editor.state.doc.eq(before)) return
    setReplaced((replaced() ?? 0) + 1)
    const rest = matches()
    // Say it was done: with the only match replaced, "未找到" alone would read as a failure.
    if (rest.length === 0) {
      editor.view.dispatch(settingCurrentMatch(editor.state.tr, null))
      return setCurrent(null)
    }
    standOn(editor, rest, matchFrom(rest, after), { select: false })
  }
  const replaceAll = () => {
    const editor = props.editor()
    if (!editor) return
    const all = matches()
    const tr = replaceMatches(editor.state, all, replacement())
    if (tr) editor.view.dispatch(tr)
    // Apart from the replacement: in 修订模式 the editor dispatches a tracked change of its own in its place, and the
    // highlight stood on, over the text now marked for deletion.
    if (currentMatch(editor.state)) editor.view.dispatch(settingCurrentMatch(editor.state.tr, null))
    setCurrent({ index: 0, total: 0 })
    setReplaced(all.length)
  }
  // Closed: nothing stays highlighted.
  onCleanup(() => {
    const editor = props.editor()
    if (editor && !editor.isDestroyed && currentMatch(editor.state)) editor.view.dispatch(settingCurrentMatch(editor.state.tr, null))
  })
  /** What the bar says: how many were replaced (and the match now stood on, if any), else where the match stood on is (or that there is none), else nothing. */
  const status = () => {
    const count = replaced()
    const c = current()
    const at = c === null ? '' : c.total === 0 ? T.noMatch : T.matchOf(c.index + 1, c.total)
    if (count === null) return at
    return c !== null && c.total > 0 ? `${T.replacedCount(count)}，${at}` : T.replacedCount(count)
  }
  return (
    <form class="find-bar" data-testid="find-bar" role="search" onSubmit={(e) => { e.preventDefault(); next() }}>
      <input ref={field} value={query()} onInput={(e) => find(e.currentTarget.value)} placeholder={T.findWhat} aria-label={T.findWhat} autofocus />
      <Show when={props.mayReplace()}>
        <input value={replacement()} onInput={(e) => setReplacement(e.currentTarget.value)} placeholder={T.replaceWith} aria-label={T.replaceWith} />
      </Show>
      <button type="submit" disabled={query() === ''}>{T.findNext}</button>
      <Show when={props.mayReplace()}>
        <button type="button" onClick={replaceOne} disabled={query() === ''}>{T.replace}</button>
        <button type="button" onClick={replaceAll} disabled={query() === ''}>{T.replaceAll}</button>
      </Show>
      {/* Read here, not as a string made in <Show>'s children: that one is made once, when the bar first has a status. */}
      <span class="find-status" role="status">{status()}</span>
      <button type="button" onClick={() => props.onClose()}>{T.close}</button>
    </form>
  )
}
