import { describe, expect, it } from 'vitest'
import { TextSelection } from '@tiptap/pm/state'
import { MARK, NODE } from '@shared/schema/node-names'
import { sampleStateAt } from '../../test/support/editor-state'
import { suggestionHere } from './suggestion-here'

const info = { id: 's1', author: 'wangfang', time: 1_700_000_000_000 }

describe('the suggestion at the cursor', () => {
  it('is the suggested words of the cell around the cursor, with who and when', () => {
    const state = sampleStateAt(NODE.indicatorValue, 0, 'end')
    const at = state.selection.from
    const inserted = state.apply(state.tr.insert(at, state.schema.text('以上', [state.schema.marks[MARK.insertion]!.create(info)])))
    expect(suggestionHere(inserted, at + 1)).toMatchObject({ ...info, kind: 'insert', text: '以上' })
    expect(suggestionHere(inserted, at + 2)).toMatchObject({ kind: 'insert', text: '以上' })
    // Before the cell's first character there is no suggestion.
    expect(suggestionHere(inserted, at - 3)).toBeNull()
  })

  it('is a whole row proposed for deletion, with its text', () => {
    const state = sampleStateAt(NODE.indicatorValue, 0)
    const $pos = state.selection.$from
    const depth = [...Array($pos.depth + 1).keys()].find((d) => $pos.node(d).type.name === NODE.indicator)!
    const row = $pos.node(depth)
    const marked = state.apply(state.tr.setNodeMarkup($pos.before(depth), undefined, { ...row.attrs, suggestion: { ...info, kind: 'delete' } }))
    const here = suggestionHere(marked.apply(marked.tr.setSelection(TextSelection.create(marked.doc, $pos.pos))), $pos.pos)
    expect(here).toMatchObject({ author: 'wangfang', kind: 'row-delete', row: NODE.indicator })
    expect(here!.text).toContain(row.firstChild!.textContent)
  })
})
