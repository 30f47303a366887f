/**
 * One replay of the automerge-paper trace in its own process:
 * `trace-case.ts ours|bare`. `ours` types into an empty 总体绩效目标 item of
 * the sample imported with our schema; `bare` into a lone Y.Text. One Yjs
 * transaction per trace transaction in both.
 */
import * as Y from 'yjs'
import { readFileSync } from 'node:fs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { buildDocument } from '@shared/model/build-document'
import { createYDocument, modelOf } from '@shared/model/y-document'
import { at } from '../support/document-place'
import { childArgs, report } from './support/child'
import { loadTrace, type Patch } from './support/trace'

const subject = childArgs()[0] as 'ours' | 'bare'
const trace = loadTrace('automerge-paper')

function target(): { doc: Y.Doc; text: Y.XmlText | Y.Text; baseSize: number } {
  if (subject === 'bare') {
    const doc = new Y.Doc()
    return { doc, text: doc.getText('text'), baseSize: 0 }
  }
  const sample = parsePublishedText(readFileSync(new URL('../server/demo/zhengfawei-2022.txt', import.meta.url), 'utf8'))
  const doc = createYDocument(buildDocument({ ...sample, goals: [...sample.goals, ''] }))
  // The empty goal after the sample's own.
  const item = at(doc, { goal: sample.goals.length })
  const text = new Y.XmlText()
  // What the editor's binding does when someone starts typing in an empty item.
  doc.transact(() => item.insert(0, [text]))
  return { doc, text, baseSize: Y.encodeStateAsUpdate(doc).length }
}

const { doc, text, baseSize } = target()
const apply = (patches: Patch[]) =>
  doc.transact(() => {
    for (const [pos, del, ins] of patches) {
      if (del > 0) text.delete(pos, del)
      if (ins !== '') text.insert(pos, ins)
    }
  })

globalThis.gc?.()
const start = performance.now()
for (const txn of trace.txns) apply(txn.patches)
const elapsed = performance.now() - start

if (text.toString() !== trace.endContent) throw new Error(`${subject}: replay does not give the trace's final text`)
if (subject === 'ours' && modelOf(doc).overall.goals.at(-1) !== trace.endContent) {
  throw new Error('ours: the document model does not hold the replayed text')
}
const encoded = Y.encodeStateAsUpdate(doc).length
report({ subject, ms: elapsed, encoded, baseSize, edits: trace.txns.length })
