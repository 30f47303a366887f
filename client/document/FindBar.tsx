/**
 * 查找替换: a bar under the toolbar. Next selects and shows the following
 * match; 替换 replaces the selected match and shows the next (「已替换 1 处，第 2/5 处」);
 * 全部替换 replaces every match in one change (one undo). Replacing follows 修订模式 like typing does.
 */
import type { Editor } from '@tiptap/core'
import { createEffect, createSignal, on } from 'solid-js'
import { findMatches, replaceMatches, type Match } from '../editor/find-replace'
import { T } from '../i18n/zh-CN'

/** `asked` changes each time the person asks to find (Ctrl+F): the search field takes the focus, its text selected. */
export function FindBar(props: { editor: () => Editor | null; onClose: () => void; asked?: () => number }) {
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
  const show = (match: Match, index: number, total: number) => {
    const editor = props.editor()!
    editor.chain().focus().setTextSelection(match).scrollIntoView().run()
    setCurrent({ index, total })
  }
  const next = () => {
    setReplaced(null)
    const editor = props.editor()
    const all = matches()
    if (!editor || all.length === 0) return setCurrent({ index: 0, total: 0 })
    const after = all.findIndex((m) => m.from >= editor.state.selection.to)
    const index = after < 0 ? 0 : after
    show(all[index]!, index, all.length)
  }
  const replaceOne = () => {
    const editor = props.editor()
    if (!editor) return
    const { from, to } = editor.state.selection
    const selected = matches().find((m) => m.from === from && m.to === to)
    if (!selected) return next()
    const tr = replaceMatches(editor.state, [selected], replacement())
    if (!tr) return
    editor.view.dispatch(tr)
    // Say it was done: with the only match replaced, "未找到" alone would read as a failure.
    next()
    setReplaced(1)
  }
  const replaceAll = () => {
    const editor = props.editor()
    if (!editor) return
    const all = matches()
    const tr = replaceMatches(editor.state, all, replacement())
    if (tr) editor.view.dispatch(tr)
    setCurrent({ index: 0, total: 0 })
    setReplaced(all.length)
  }
  /** What the bar says: how many were replaced (and the next match, when one is shown), else where the match shown stands (or that there is none), else nothing. */
  const status = () => {
    const count = replaced()
    const c = current()
    const at = c === null ? '' : c.total === 0 ? T.noMatch : T.matchOf(c.index + 1, c.total)
    if (count === null) return at
    return c !== null && c.total > 0 ? `${T.replacedCount(count)}，${at}` : T.replacedCount(count)
  }
  return (
    <form class="find-bar" data-testid="find-bar" role="search" onSubmit={(e) => { e.preventDefault(); next() }}>
      <input ref={field} value={query()} onInput={(e) => { setQuery(e.currentTarget.value); setCurrent(null); setReplaced(null) }} placeholder={T.findWhat} aria-label={T.findWhat} autofocus />
      <input value={replacement()} onInput={(e) => setReplacement(e.currentTarget.value)} placeholder={T.replaceWith} aria-label={T.replaceWith} />
      <button type="submit" disabled={query() === ''}>{T.findNext}</button>
      <button type="button" onClick={replaceOne} disabled={query() === ''}>{T.replace}</button>
      <button type="button" onClick={replaceAll} disabled={query() === ''}>{T.replaceAll}</button>
      {/* Read here, not as a string made in <Show>'s children: that one is made once, when the bar first has a status. */}
      <span class="find-status" role="status">{status()}</span>
      <button type="button" onClick={() => props.onClose()}>{T.close}</button>
    </form>
  )
}
