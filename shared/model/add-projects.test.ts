import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '../formats/published-text/import'
import { sampleText } from '../../support/sample'
import { createYDocumentFromText, readContent } from './y-document'
import { deriveModel } from './derive-model'
import * as Y from 'yjs'
import { restoreContent } from '../history/restore-content'
import { addProjectsTo, withProjectsAdded } from './add-projects'
import { emptyDocumentText } from './template'

const sample = () => parsePublishedText(sampleText())

describe('withProjectsAdded', () => {
  it('adds after the last project', () => {
    const here = readContent(createYDocumentFromText(sample()))
    const added = sample().projects.slice(0, 2)
    const names = deriveModel(withProjectsAdded(here, added)).projects.map((p) => p.name)
    expect(names).toHaveLength(13)
    expect(names.slice(-2)).toEqual(added.map((p) => p.name))
  })

  it('replaces a new document’s blank table, but keeps one with anything put in it', () => {
    const added = sample().projects.slice(0, 2)
    const blank = readContent(createYDocumentFromText(emptyDocumentText(2023)))
    expect(deriveModel(withProjectsAdded(blank, added)).projects.map((p) => p.name)).toEqual(added.map((p) => p.name))

    const started = emptyDocumentText(2023)
    started.projects = [{ ...started.projects[0]!, budgetTotal: '3' }]
    expect(deriveModel(withProjectsAdded(readContent(createYDocumentFromText(started)), added)).projects).toHaveLength(3)
  })
})

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
