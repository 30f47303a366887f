/** The sample as a ProseMirror editor state, with the cursor in a chosen text field — for editor command tests. */
import { EditorState, TextSelection } from '@tiptap/pm/state'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { buildDocument } from '@shared/model/build-document'
import { documentSchema } from '@shared/schema/schema'
import { sampleText } from '../../support/sample'

/** The cursor at the start (or end) of the n-th text field of `type`. */
export function sampleStateAt(type: string, n = 0, where: 'start' | 'end' = 'start'): EditorState {
  const doc = documentSchema.nodeFromJSON(buildDocument(parsePublishedText(sampleText())))
  let pos = -1
  let seen = 0
  doc.descendants((node, p) => {
    if (pos < 0 && node.type.name === type && seen++ === n) pos = p + 1 + (where === 'end' ? node.content.size : 0)
    return pos < 0
  })
  if (pos < 0) throw new Error(`no ${type} #${n} in the sample`)
  return EditorState.create({ doc, selection: TextSelection.create(doc, pos) })
}
