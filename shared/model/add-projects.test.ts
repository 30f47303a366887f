import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '../formats/published-text/import'
import { sampleText } from '../../support/sample'
import { createYDocumentFromText, readContent } from './y-document'
import { deriveModel } from './derive-model'
import { withProjectsAdded } from './add-projects'
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
