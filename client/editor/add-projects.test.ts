import type { EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { readDocument } from '@shared/model/read-document'
import type { NodeJSON } from '@shared/model/node-json'
import { sampleStateAt } from '../../test/support/editor-state'
import { sampleText } from '../../test/support/sample'
import { addProjects } from './add-projects'

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
})
