import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '../formats/published-text/import'
import { createYDocumentFromText } from '../model/y-document'
import { generateDocument } from '../../support/generate-document'
import { makeRandom } from '../../support/random'
import { sampleText } from '../../support/sample'
import { textAt } from '../../support/document-place'
import { addImportNotes, importNoteText } from './import-notes'
import { reviewState } from './approval'
import { listThreads } from './threads'

const UNREAD = ['上年结转资金“10 10 10”未导入：预算数只分财政资金和其他资金，请按原表核对', '其他资金“一百”无法分成年初预算数和全年预算数，未导入，请按原表填写']

/** The text a thread's anchor covers now. */
const anchored = (doc: Y.Doc, thread: ReturnType<typeof listThreads>[number]) => {
  const start = Y.createAbsolutePositionFromRelativePosition(thread.start!, doc)!
  const end = Y.createAbsolutePositionFromRelativePosition(thread.end!, doc)!
  expect(start.type).toBe(end.type)
  return (start.type as Y.XmlText).toString().slice(start.index, end.index)
}

describe('what an import could not read, kept in the document', () => {
  it('is one open comment per item, by the importer, on the 项目名称 of the project the file went to', () => {
    const doc = createYDocumentFromText(generateDocument(makeRandom(3), 4))
    const name = textAt(doc, { project: 2, field: 'name' }).toString()
    addImportNotes(doc, UNREAD, { author: 'zhang', now: 1_700_000_000_000, project: 2 })
    const threads = listThreads(doc)
    expect(threads.map((t) => [t.status, t.createdBy, t.quote, t.comments.map((c) => [c.author, c.text])])).toEqual(
      UNREAD.map((item) => ['open', 'zhang', name, [['zhang', importNoteText(item)]]]),
    )
    expect(threads.map((t) => anchored(doc, t))).toEqual([name, name])
    // Open, they stand in the way of 审核通过 as any open comment does.
    expect(reviewState(doc).openThreads).toBe(2)
    // A second import's notes are new threads beside them.
    addImportNotes(doc, UNREAD.slice(0, 1), { author: 'li', now: 1_700_000_000_001, project: 0 })
    expect(new Set(listThreads(doc).map((t) => t.id)).size).toBe(3)
  })

  it('goes on the title where the project has no name, and nothing is added for nothing unread', () => {
    const text = parsePublishedText(sampleText())
    const doc = createYDocumentFromText({ ...text, projects: [{ ...text.projects[0]!, name: '' }] })
    addImportNotes(doc, [], { author: 'zhang', now: 1, project: 0 })
    expect(listThreads(doc)).toEqual([])
    addImportNotes(doc, UNREAD.slice(0, 1), { author: 'zhang', now: 1, project: 0 })
    const [thread] = listThreads(doc)
    expect([thread!.quote, anchored(doc, thread!)]).toEqual([text.title, text.title])
  })
})
