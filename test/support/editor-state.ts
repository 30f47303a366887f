/** The sample as a ProseMirror editor state, with the cursor in a chosen text field — for editor command tests. */
import { EditorState, TextSelection } from '@tiptap/pm/state'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { buildDocument } from '@shared/model/build-document'
import { linkedText, type LinkedKind } from '@shared/kinds/linked-text'
import { documentSchema } from '@shared/schema/schema'
import { sampleText } from '../../support/sample'

/** The cursor at the start (or end) of the n-th text field of `type`; in the sample itself, or in a 监控/自评 that follows it (`kind`). */
export function sampleStateAt(type: string, n = 0, where: 'start' | 'end' = 'start', kind?: LinkedKind): EditorState {
  const text = parsePublishedText(sampleText())
  const doc = documentSchema.nodeFromJSON(buildDocument(kind ? linkedText(text, kind, '6月') : text))
  let pos = -1
  let seen = 0
  doc.descendants((node, p) => {
    if (pos < 0 && node.type.name === type && seen++ === n) pos = p + 1 + (where === 'end' ? node.content.size : 0)
    return pos < 0
  })
  if (pos < 0) throw new Error(`no ${type} #${n} in the sample`)
  return EditorState.create({ doc, selection: TextSelection.create(doc, pos) })
}
