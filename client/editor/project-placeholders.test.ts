import { EditorState, TextSelection } from '@tiptap/pm/state'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { DecorationSet } from '@tiptap/pm/view'
import { describe, expect, it } from 'vitest'
import { buildDocument } from '@shared/model/build-document'
import { documentSchema } from '@shared/schema/schema'
import { NODE } from '@shared/schema/node-names'
import { documentText, part1, project } from '../../support/document-builder'
import { drawMeta, drawnState, drawsAll, PLACEHOLDER_THRESHOLD, projectPlaceholders } from './project-placeholders'

const plugin = projectPlaceholders()

/** A document of `count` projects named 项目0…, the cursor in project `at`'s name. */
function stateWith(count: number, at: number): EditorState {
  const text = documentText(part1(), ...Array.from({ length: count }, (_, i) => project({ name: `项目${i}` })))
  const doc = documentSchema.nodeFromJSON(buildDocument(text))
  return EditorState.create({ doc, selection: TextSelection.create(doc, nameAt(doc, at)), plugins: [plugin] })
}

function nameAt(doc: PMNode, n: number): number {
  let pos = -1
  let seen = 0
  doc.descendants((node, p) => {
    if (pos < 0 && node.type.name === NODE.projectName && seen++ === n) pos = p + 1
    return pos < 0
  })
  return pos
}

/** The names of the projects drawn, as the decorations tell their views. */
function drawnNames(state: EditorState): string[] {
  const set = plugin.props.decorations!.call(plugin, state) as DecorationSet
  return set.find().map((d) => {
    const node = state.doc.nodeAt(d.from)!
    expect(node.type.name).toBe(NODE.project)
    expect(d.to).toBe(d.from + node.nodeSize)
    let name = ''
    node.forEach((child) => (child.type.name === NODE.projectName ? (name = child.textContent) : undefined))
    return name
  })
}

const names = (...indices: number[]) => indices.map((i) => `项目${i}`)

describe('project placeholders', () => {
  it('opens a document up to the threshold with the first screen drawn, draws the rest as told, then every project for good', () => {
    let state = stateWith(PLACEHOLDER_THRESHOLD, 3)
    // At first only the cursor's project, and those the first screen holds once they are found there.
    expect(drawnState(state)).toBe('first-screen')
    expect(drawsAll(state)).toBe(false)
    expect(drawnNames(state)).toEqual(names(3))
    state = state.apply(drawMeta(state.tr, { draw: [0, 1] }))
    expect(drawnNames(state)).toEqual(names(0, 1, 3))
    // Going far from the window does not make a frame again of a short document's table.
    state = state.apply(drawMeta(state.tr, { draw: [4], undraw: [0] }))
    expect(drawnNames(state)).toEqual(names(0, 1, 3, 4))
    // All drawn: no decorations to tell apart, and the root says so.
    state = state.apply(drawMeta(state.tr, { filled: true }))
    expect(drawsAll(state)).toBe(true)
    expect(drawnState(state)).toBe('all')
    expect(drawnNames(state)).toEqual([])
    // The cursor moving, or the document changing, leaves it so.
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, nameAt(state.doc, 40))))
    state = state.apply(drawMeta(state.tr, { undraw: [1] }))
    expect(drawsAll(state)).toBe(true)
    expect(drawnNames(state)).toEqual([])
    // Grown past the threshold later (a paste of projects), it is drawn as a long one: near the window, as found from then on.
    let partStart = -1
    state.doc.forEach((child, offset) => (child.type.name === NODE.projectsPart ? (partStart = offset + 1) : undefined))
    const first = state.doc.nodeAt(partStart)!
    state = state.apply(state.tr.insert(state.doc.content.size - 1, first.type.create(first.attrs, first.content)))
    expect(drawnState(state)).toBe('near')
    expect(drawnNames(state)).toEqual(names(40))
  })

  it('draws a document that grows past the threshold before its rest is drawn as a long one, and one past it as a long one from the start', () => {
    let state = stateWith(PLACEHOLDER_THRESHOLD, 3)
    state = state.apply(drawMeta(state.tr, { draw: [0] }))
    let partStart = -1
    state.doc.forEach((child, offset) => (child.type.name === NODE.projectsPart ? (partStart = offset + 1) : undefined))
    // A colleague pastes a project at the end (a copy of the first): one past the threshold.
    const first = state.doc.nodeAt(partStart)!
    state = state.apply(state.tr.insert(state.doc.content.size - 1, first.type.create(first.attrs, first.content)))
    expect(drawnState(state)).toBe('near')
    expect(drawnNames(state)).toEqual(names(0, 3))
    // Told it is filled (the rest drawn) too late: it stays a long document, drawn near the window.
    state = state.apply(drawMeta(state.tr, { filled: true }))
    expect(drawsAll(state)).toBe(false)
    expect(drawnNames(state)).toEqual(names(0, 3))
    expect(drawnState(stateWith(PLACEHOLDER_THRESHOLD + 1, 3))).toBe('near')
  })

  it('past it, draws the projects near the window and the one the cursor is in, and follows the cursor', () => {
    let state = stateWith(PLACEHOLDER_THRESHOLD + 10, 40)
    expect(drawnNames(state)).toEqual(['项目40'])
    state = state.apply(drawMeta(state.tr, { draw: [3, 4] }))
    expect(drawnNames(state)).toEqual(['项目3', '项目4', '项目40'])
    // Tab (or a search, or 定位) puts the cursor in another project: that one is drawn, the one left is not.
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, nameAt(state.doc, 55))))
    expect(drawnNames(state)).toEqual(['项目3', '项目4', '项目55'])
    state = state.apply(drawMeta(state.tr, { undraw: [3] }))
    expect(drawnNames(state)).toEqual(['项目4', '项目55'])
    // Text typed above the projects (a colleague in Part 1) moves them all: the same ones stay drawn.
    let title = -1
    state.doc.descendants((node, pos) => (title < 0 && node.isTextblock ? ((title = pos + 1), false) : title < 0))
    const size = state.doc.content.size
    state = state.apply(state.tr.insertText('字', title))
    expect(state.doc.content.size).toBe(size + 1)
    expect(drawnNames(state)).toEqual(['项目4', '项目55'])
  })

  it('keeps drawing the same projects when one is added before them, and through an edit that replaces the whole document', () => {
    let state = stateWith(PLACEHOLDER_THRESHOLD + 10, 40)
    state = state.apply(drawMeta(state.tr, { draw: [3, 4] }))
    let partStart = -1
    state.doc.forEach((child, offset) => (child.type.name === NODE.projectsPart ? (partStart = offset + 1) : undefined))
    const first = state.doc.nodeAt(partStart)!
    expect(first.type.name).toBe(NODE.project)
    state = state.apply(state.tr.insert(partStart, first))
    expect(drawnNames(state)).toEqual(['项目3', '项目4', '项目40'])
    // As the Yjs binding applies a remote change: the whole document replaced by one of the same project nodes.
    state = state.apply(state.tr.replaceWith(0, state.doc.content.size, state.doc.content))
    expect(drawnNames(state)).toEqual(expect.arrayContaining(['项目3', '项目4']))
  })
})
