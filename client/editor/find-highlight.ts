/**
 * The match 查找替换 stands on (the current one): drawn highlighted while the
 * search field keeps the focus, and followed through every change — the
 * person's own elsewhere, a colleague's, a restore — so that 替换 replaces
 * the match the person sees, not a position that has since moved. A change
 * inside the match's text leaves it standing on what is left; the bar checks
 * that it still reads as the search text before replacing it.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Match } from './find-replace'

const key = new PluginKey<Match | null>('findCurrent')

/** The current match, as mapped through every change since it was found; null when none is. */
export const currentMatch = (state: EditorState): Match | null => key.getState(state) ?? null

/** Makes `match` the current one (null: none), in a transaction that changes nothing else. */
export const settingCurrentMatch = (tr: Transaction, match: Match | null): Transaction => tr.setMeta(key, match)

/** The current match after `tr`: text inserted at either edge stays outside it; a match whose text went entirely is none. */
export function mappedMatch(current: Match | null, tr: Transaction): Match | null {
  const set = tr.getMeta(key) as Match | null | undefined
  if (set !== undefined) return set
  if (!current || !tr.docChanged) return current
  const from = tr.mapping.map(current.from, 1)
  const to = tr.mapping.map(current.to, -1)
  return from < to ? { from, to } : null
}

export const FindHighlight = Extension.create({
  name: 'findHighlight',
  addProseMirrorPlugins: () => [
    new Plugin<Match | null>({
      key,
      state: { init: () => null, apply: (tr, current) => mappedMatch(current, tr) },
      props: {
        decorations: (state) => {
          const current = currentMatch(state)
          return current ? DecorationSet.create(state.doc, [Decoration.inline(current.from, current.to, { class: 'find-current' })]) : DecorationSet.empty
        },
      },
    }),
  ],
})
