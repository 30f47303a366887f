import type { EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { readDocument } from '@shared/model/read-document'
import type { NodeJSON } from '@shared/model/node-json'
import { sampleStateAt } from '../../test/support/editor-state'
import { sampleText } from '../../support/sample'
import { addProjects, copiedProjects } from './add-projects'

describe('addProjects', () => {
  it('adds the projects after the last one, as written, with the cursor in the first one’s name', () => {
    const sample = parsePublishedText(sampleText())
    const pasted = [{ ...sample.projects[0]!, name: '粘贴的项目', code: 'P-1' }, sample.projects[1]!]
    let next: EditorState | null = null
    const state = sampleStateAt('goalItem', 0)
    expect(addProjects(pasted)(state, (tr) => (next = state.apply(tr)))).toBe(true)
    next!.doc.check()
    const text = readDocument(next!.doc.toJSON() as NodeJSON)
    expect(text.projects).toEqual([...sample.projects, ...pasted])
    expect(next!.selection.$from.parent.type.name).toBe('projectName')
    expect(next!.selection.$from.parent.textContent).toBe('粘贴的项目')
    expect(addProjects([])(state)).toBe(false)
  })

  it('reads the projects of a copied slice: those with all their fields, with the rows selected', () => {
    const sample = parsePublishedText(sampleText())
    const from = sampleStateAt('unitCode', 1).selection.from
    const to = sampleStateAt('indicatorBasis', 9, 'end').selection.from // the last row of project 2 (5 + 5 rows before)
    const doc = sampleStateAt('goalItem', 0).doc
    expect(copiedProjects(doc.slice(from, to), doc.type.schema)).toEqual([sample.projects[1]])
    // From the first project's name into the third's rows: the first lacks fields, the third has the rows selected.
    const later = sampleStateAt('indicatorBasis', 12, 'end').selection.from
    const third = { ...sample.projects[2]!, indicators: sample.projects[2]!.indicators.slice(0, 3) }
    expect(copiedProjects(doc.slice(sampleStateAt('projectName', 0).selection.from, later), doc.type.schema)).toEqual([sample.projects[1], third])
    expect(copiedProjects(doc.slice(sampleStateAt('projectName', 1).selection.from, to), doc.type.schema)).toEqual([])
  })
})
