import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parsePublishedText } from '../formats/published-text/import'
import { sampleText } from '../../support/sample'
import { withProjectsAdded } from '../model/add-projects'
import { deriveModel } from '../model/derive-model'
import { emptyDocumentText } from '../model/template'
import { createYDocumentFromText, readContent } from '../model/y-document'
import { addProjectsTo, restoreContent } from './restore-content'

const sample = () => parsePublishedText(sampleText())

describe('addProjectsTo', () => {
  it('makes in the Y.Doc what withProjectsAdded describes, touching nothing already there', () => {
    const ydoc = createYDocumentFromText(sample())
    const added = sample().projects.slice(0, 2)
    const stateBefore = Y.encodeStateVector(ydoc)
    ydoc.transact(() => addProjectsTo(ydoc, added))
    // As the diff of the whole content made it.
    const diffed = createYDocumentFromText(sample())
    diffed.transact(() => restoreContent(diffed, withProjectsAdded(readContent(diffed), added)))
    expect(readContent(ydoc)).toEqual(readContent(diffed))
    // The change only adds: no existing item is deleted or rewritten.
    const change = Y.decodeUpdate(Y.encodeStateAsUpdate(ydoc, stateBefore))
    expect(change.ds.clients.size).toBe(0)
  })

  it('replaces a new document’s blank table', () => {
    const ydoc = createYDocumentFromText(emptyDocumentText(2023))
    const added = sample().projects.slice(0, 2)
    ydoc.transact(() => addProjectsTo(ydoc, added))
    expect(deriveModel(readContent(ydoc)).projects.map((p) => p.name)).toEqual(added.map((p) => p.name))
  })
})
