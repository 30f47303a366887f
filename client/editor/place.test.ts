import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { NODE } from '@shared/schema/node-names'
import { sampleStateAt } from '../../test/support/editor-state'
import { sampleText } from '../../support/sample'
import { nodeAtPlace, textRangeAtPlace } from './place'

describe('a place in the document, found by document position', () => {
  const doc = sampleStateAt('docTitle').doc
  const text = parsePublishedText(sampleText())
  const textAt = (place: Parameters<typeof nodeAtPlace>[1]) => {
    const placed = nodeAtPlace(doc, place)
    return placed && { type: placed.node.type.name, text: placed.node.textContent, sameNode: doc.nodeAt(placed.pos) === placed.node }
  }

  it('finds a cell of an indicator row, of a project, and an item of Part 1', () => {
    const indicator = text.projects[1]!.indicators[2]!
    expect(textAt({ project: 2, indicator: 3, field: 'value' })).toEqual({ type: NODE.indicatorValue, text: indicator.value, sameNode: true })
    expect(textAt({ project: 3, indicator: null, field: 'budgetTotal' })).toEqual({ type: NODE.budgetTotal, text: text.projects[2]!.budgetTotal, sameNode: true })
    expect(textAt({ project: null, indicator: null, field: 'goals[1]' })).toEqual({ type: NODE.goalItem, text: text.goals[1], sameNode: true })
    // 一级/二级 are shown beside the row's 三级指标 cell.
    expect(textAt({ project: 2, indicator: 3, field: 'level1' })?.text).toBe(indicator.level3)
  })

  it('falls back to the enclosing row or project, to the title for the whole document, and to nothing for a missing project', () => {
    expect(textAt({ project: 2, indicator: 3, field: null })?.type).toBe(NODE.indicator)
    expect(textAt({ project: 4, indicator: null, field: 'nonsense' })?.type).toBe(NODE.project)
    expect(textAt({ project: null, indicator: null, field: null })).toEqual({ type: NODE.docTitle, text: text.title, sameNode: true })
    expect(nodeAtPlace(doc, { project: 99, indicator: null, field: 'budgetTotal' })).toBeNull()
    expect(nodeAtPlace(doc, { project: 1, indicator: 999, field: 'value' })).toBeNull()
  })

  it('gives the text of the field, or of the first field of the enclosing part', () => {
    const range = textRangeAtPlace(doc, { project: 2, indicator: 3, field: 'value' })!
    expect(doc.textBetween(range.from, range.to)).toBe(text.projects[1]!.indicators[2]!.value)
    const project = textRangeAtPlace(doc, { project: 2, indicator: null, field: null })!
    expect(doc.textBetween(project.from, project.to)).toBe(text.projects[1]!.unitCode)
  })
})
