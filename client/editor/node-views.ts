/**
 * How the document looks in the editor: every text field a labelled cell
 * of the official form, every indicator row a grid row with its 一级/二级
 * chosen from the taxonomy. Labels and dropdowns are not editable text;
 * only the fields are.
 */
import { Extension, type Extensions } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Decoration, EditorView, NodeView } from '@tiptap/pm/view'
import { LEVEL1, LEVEL2, LEVEL2_BY_LEVEL1, isLevel1 } from '@shared/schema/taxonomy'
import { DETAIL_CELLS, FUNDS_CELLS, NODE, PROJECT_CELLS } from '@shared/schema/node-names'
import { TABLE_FIELDS } from '@shared/schema/fields'
import { CAUSES, LIKELIHOODS } from '@shared/monitoring/monitoring-choices'
import { T } from '../i18n/zh-CN'
import { fieldLabelIn } from '../i18n/field-label'
import { isCarriedNode, type TargetsSource } from '@shared/review/carried-cells'
import { carriesTargets, namesAround } from './carried-cells'
import { drawsLazily, isDrawn, watcherOf } from './project-placeholders'

/** What the views need to know of the document: its kind (read when a view is drawn; a document's kind never changes). */
export interface ViewContext {
  kind: () => string | undefined
  /** Where a 监控's or 自评's carried targets came from, for what their cells say (absent: approved). */
  targetsFrom?: () => TargetsSource
}

/** The 资金 cells a 监控 or 自评 adds. */
const FUNDS = Object.values(FUNDS_CELLS)
/** Fields shown with a label cell beside them, as on the printed form. */
const LABELLED = new Set<string>([
  ...Object.values(PROJECT_CELLS), NODE.projectGoal, ...Object.values(DETAIL_CELLS),
  NODE.subGoalDuty, NODE.subGoalTarget, ...FUNDS, NODE.projectAchieved,
])
/** Figures (the field table's numeric fields), aligned as figures. */
const NUMERIC = new Set<string>(TABLE_FIELDS.flatMap((f) => (f.numeric && f.node !== null ? [f.node] : [])))
/** Derived from the figures, never typed (the form shows what they derive beside what an imported form wrote). */
const DERIVED = new Set<string>([NODE.fundsRate, NODE.fundsEarned])

function element(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  if (text !== undefined) el.textContent = text
  return el
}

/** Shows a row's pending suggestion on its element, as the schema's renderHTML does for other rows; without one, the element's own title (`title`), if any. */
function showSuggestion(dom: HTMLElement, node: PMNode, title?: string): void {
  const suggestion = node.attrs.suggestion as unknown
  if (suggestion) dom.setAttribute('data-suggestion', JSON.stringify(suggestion))
  else dom.removeAttribute('data-suggestion')
  const author = (suggestion as { author?: string } | null)?.author ?? title
  if (author) dom.title = author
  else dom.removeAttribute('title')
}

/**
 * Cells whose text is one of a few words (监控: 完成目标可能性, 偏差原因):
 * chosen from a list, which writes the word into the cell as typing would
 * (so it merges, is suggested by a reviewer and shows in history like any
 * text). A word written otherwise (an imported form) is shown as written.
 */
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  [NODE.indicatorLikelihood]: LIKELIHOODS,
  [NODE.indicatorCause]: CAUSES,
}

function choicePicker(name: string, options: readonly string[], view: EditorView, getPos: () => number | undefined): { el: HTMLSelectElement; show(text: string): void } {
  const el = element('select', { class: 'choice', 'aria-label': String(T.fieldLabel[name] ?? name), contenteditable: 'false' }) as HTMLSelectElement
  el.append(element('option', { value: '' }, T.choose), ...options.map((option) => element('option', { value: option }, option)))
  el.addEventListener('change', () => {
    const pos = getPos()
    if (pos === undefined || !view.editable) return
    const node = view.state.doc.nodeAt(pos)
    if (!node) return
    const tr = el.value ? view.state.tr.insertText(el.value, pos + 1, pos + 1 + node.content.size) : view.state.tr.delete(pos + 1, pos + 1 + node.content.size)
    view.dispatch(tr)
  })
  return {
    el,
    show: (text) => {
      el.value = options.includes(text.trim()) ? text.trim() : ''
      // A narrow cell may cut the picker short: its whole value stays a hover away.
      el.title = el.value || T.choose
      el.disabled = !view.editable
    },
  }
}

/** The names of a node's ancestors, innermost first (none known without its view): where the server's carried rule reads it. */
function placeOf(view?: EditorView, getPos?: () => number | undefined): string[] {
  const pos = getPos?.()
  return view && pos !== undefined ? namesAround(view.state.doc, pos) : []
}

function fieldView(initial: PMNode, context: ViewContext, view?: EditorView, getPos?: () => number | undefined): NodeView {
  let node = initial
  const name = node.type.name
  const dom = element('div', { 'data-field': name, class: `field${NUMERIC.has(name) ? ' numeric' : ''}` })
  // The label is the cell's generated content (styles.css, `.field[data-label]::before`), not an element: a
  // non-editable island per cell made the browser's own work on every key grow with the cells before the caret.
  if (LABELLED.has(name)) dom.dataset.label = labelOf(name, context.kind())
  const contentDOM = element('div', { class: 'value' })
  // A target carried from the approved document (or the file a 自评 was imported from): shown as on the form, not
  // editable (the server refuses edits to it), and saying so on hover.
  let title: string | undefined
  if (isCarriedNode(context.kind(), name, placeOf(view, getPos))) {
    dom.classList.add('carried')
    title = T.carriedCell(context.targetsFrom?.() ?? 'approved')
    contentDOM.contentEditable = 'false'
  } else if (carriesTargets(context.kind()) && DERIVED.has(name)) {
    dom.classList.add('derived-cell')
    contentDOM.contentEditable = 'false'
  }
  const options = CHOICES[name]
  const picker = options && view && getPos ? choicePicker(name, options, view, getPos) : null
  if (picker) {
    dom.classList.add('has-choice')
    dom.append(picker.el)
    picker.show(node.textContent)
  }
  dom.append(contentDOM)
  showSuggestion(dom, node, title)
  return {
    dom,
    contentDOM,
    update: (next) => {
      if (next.type !== node.type) return false
      if (next.attrs !== node.attrs) showSuggestion(dom, next, title)
      node = next
      picker?.show(node.textContent)
      return true
    },
    stopEvent: (event) => picker !== null && event.target === picker.el,
    // The checks panel outlines a cell by its class, suggestions set attributes: not changes to the document.
    ignoreMutation: (mutation) => (mutation.type === 'attributes' && mutation.target === dom) || (picker !== null && picker.el.contains(mutation.target)),
  }
}

/**
 * A 一级/二级 dropdown holding only its current choice until someone reaches
 * for it (pointer, focus or key): every row's full option lists were tens
 * of thousands of elements in a 200-project document, built on opening.
 */
function select(options: readonly string[], value: string, label: string): HTMLSelectElement {
  const el = element('select', { 'aria-label': label }) as HTMLSelectElement
  const chosen = options.includes(value) ? value : ''
  el.append(element('option', { value: chosen }, chosen || T.choose))
  const offerAll = () => {
    if (el.options.length > 1 || options.length === 0) return
    el.replaceChildren(element('option', { value: '' }, T.choose), ...options.map((option) => element('option', { value: option }, option)))
    el.value = chosen
  }
  for (const reach of ['pointerdown', 'focus', 'keydown']) el.addEventListener(reach, offerAll)
  return el
}

function indicatorView(initial: PMNode, view: EditorView, getPos: () => number | undefined, context: ViewContext): NodeView {
  let node = initial
  const carried = carriesTargets(context.kind())
  const dom = element('div', { 'data-node': NODE.indicator, class: 'indicator' })
  const levels = element('div', { class: 'levels', contenteditable: 'false' })
  const contentDOM = element('div', { class: 'cells' })
  dom.append(levels, contentDOM)

  const setAttrs = (attrs: Record<string, unknown>) => {
    const pos = getPos()
    if (pos === undefined || !view.editable) return
    view.dispatch(view.state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs }))
  }
  const render = () => {
    const level1 = node.attrs.level1 as string
    const level2 = node.attrs.level2 as string
    // A row under the same 一级/二级 as the row above shows that cell merged with it (see mergedLevelStyles).
    dom.dataset.level1 = level1
    dom.dataset.level2 = level2
    const one = select(LEVEL1, level1, T.level1)
    const two = select(isLevel1(level1) ? LEVEL2_BY_LEVEL1[level1] : [], level2, T.level2)
    // A label the taxonomy did not recognise is shown as written, not lost.
    if (!level1 && node.attrs.level1Label) one.title = String(node.attrs.level1Label)
    if (!level2 && node.attrs.level2Label) two.title = String(node.attrs.level2Label)
    one.disabled = two.disabled = carried || !view.editable
    if (carried) levels.dataset.carried = ''
    // If the change is not taken (suggestion mode cannot suggest a classification), show the node's value again.
    one.addEventListener('change', () => {
      const allowed = isLevel1(one.value) ? (LEVEL2_BY_LEVEL1[one.value] as readonly string[]) : []
      setAttrs({ level1: one.value, level1Label: null, ...(allowed.includes(level2) ? {} : { level2: '', level2Label: null }) })
      render()
    })
    two.addEventListener('change', () => {
      setAttrs({ level2: two.value, level2Label: null })
      render()
    })
    levels.replaceChildren(one, two)
  }
  render()
  showSuggestion(dom, node)

  return {
    dom,
    contentDOM,
    update(next) {
      if (next.type !== node.type) return false
      const changed = next.attrs !== node.attrs
      node = next
      if (changed) {
        render()
        showSuggestion(dom, node)
      }
      return true
    },
    stopEvent: (event) => levels.contains(event.target as globalThis.Node),
    ignoreMutation: (mutation) => levels.contains(mutation.target) || (mutation.type === 'attributes' && mutation.target === dom),
  }
}

/**
 * A project's frame: its title names the project ("1. 某某经费绩效目标表"),
 * as the printed form does. The name is read again when the project
 * changes, which is cheap (one field's text). In a long document a project
 * far from the window is the frame alone, of the project's height, and is
 * drawn when it comes near; in a short one, until the first screen is
 * painted (project-placeholders.ts).
 */
function projectView(initial: PMNode, context: ViewContext, view: EditorView, getPos: () => number | undefined, decorations: readonly Decoration[]): NodeView {
  let node = initial
  const drawn = isDrawn(view, decorations)
  const dom = element('section', { 'data-node': NODE.project })
  // The form's title follows the kind: 绩效目标表, 绩效运行监控表, 绩效自评表.
  const kind = context.kind()
  if (kind) dom.dataset.kind = kind
  const showName = () => {
    let name = ''
    node.forEach((child) => {
      if (child.type.name === NODE.projectName) name = child.textContent
    })
    if (dom.dataset.name !== name) dom.dataset.name = name
  }
  // A long document watches every table (drawn near the window, a frame again far from it); a short one only its frames (drawn once near, or after the first paint).
  const lazy = drawsLazily(view.state.doc)
  const watcher = lazy || !drawn ? watcherOf(view) : null
  const showHeight = () => {
    const pos = getPos()
    if (pos === undefined || !watcher) return
    dom.style.height = `${watcher.heightOf(view.state.doc.resolve(pos).index(), node)}px`
  }
  if (!drawn) {
    dom.dataset.placeholder = ''
    showHeight()
  } else if (lazy) {
    // Laid out even off screen (few tables are drawn): the height the watcher reads is the table's, not a stand-in's.
    dom.style.contentVisibility = 'visible'
  }
  showName()
  showSuggestion(dom, node)
  watcher?.watch(dom, getPos)
  return {
    dom,
    // A frame has no content for ProseMirror to draw (nor a caret to hold: the selection's project is always drawn).
    contentDOM: drawn ? dom : null,
    update: (next, nextDecorations) => {
      if (next.type !== node.type || isDrawn(view, nextDecorations) !== drawn) return false
      if (next.attrs !== node.attrs) showSuggestion(dom, next)
      node = next
      showName()
      if (!drawn) showHeight()
      return true
    },
    ignoreMutation: (mutation) => !drawn || (mutation.type === 'attributes' && mutation.target === dom),
    destroy: () => watcher?.unwatch(dom),
  }
}

/**
 * Merged 一级/二级 cells, as on paper: a row whose 一级 (and 二级) is the
 * row above's shows the cell empty and borderless until pointed at or
 * focused, while keeping its own value. Adjacent-sibling rules, one per
 * name of the taxonomy: no work per keystroke.
 */
export const mergedLevelStyles = (): string =>
  [
    ...LEVEL1.map((name) => `.rows > [data-level1="${name}"] + [data-level1="${name}"] .levels select:first-child`),
    ...LEVEL2.map((name) => `.rows > [data-level2="${name}"] + [data-level2="${name}"] .levels select:last-child`),
  ].join(',\n') + ' { color: transparent; }\n' +
  [
    ...LEVEL1.map((name) => `.rows > [data-level1="${name}"]:has(+ [data-level1="${name}"]) .levels select:first-child`),
    ...LEVEL2.map((name) => `.rows > [data-level2="${name}"]:has(+ [data-level2="${name}"]) .levels select:last-child`),
  ].join(',\n') + ' { border-bottom-color: transparent; }'

const MERGED_STYLE_ID = 'jixiao-merged-levels'

/** A cell's label as this kind's form prints it (a 自评's 执行数 is the 全年执行数, a 监控's the 截至当期执行数). */
const labelOf = fieldLabelIn

/** The column headers past 一级/二级: one per cell of the list's first row (the 分值/备注 a form has, a 监控's or 自评's cells), as labelled by the kind. */
const columnsOf = (list: PMNode, kind: string | undefined): { name: string; label: string }[] => {
  const names: string[] = []
  list.firstChild?.forEach((cell) => names.push(cell.type.name))
  // An empty table still shows the target's four columns.
  return names.length > 0 ? names.map((name) => ({ name, label: labelOf(name, kind) })) : T.indicatorHeader.slice(2).map((label) => ({ name: '', label: String(label) }))
}

/** The indicator rows under a header row laid out on the same grid, as on the printed form. */
function indicatorListView(initial: PMNode, context: ViewContext): NodeView {
  const dom = element('section', { 'data-node': NODE.indicatorList })
  const header = element('div', { class: 'indicator indicator-header', contenteditable: 'false' })
  const levels = element('div', { class: 'levels' })
  const cells = element('div', { class: 'cells' })
  const [one, two] = T.indicatorHeader
  levels.append(element('span', {}, one), element('span', {}, two))
  const kind = context.kind()
  let shown: string | null = null
  const renderColumns = (list: PMNode) => {
    const columns = columnsOf(list, kind)
    const key = columns.map((c) => `${c.name}:${c.label}`).join()
    if (key === shown) return
    shown = key
    // Each header names its column's cell, so a layout that wraps a row's cells (a 监控's, a 自评's) wraps the header alike.
    cells.replaceChildren(...columns.map(({ name, label }) => element('span', name ? { 'data-column': name } : {}, label)))
  }
  renderColumns(initial)
  header.append(levels, cells)
  const contentDOM = element('div', { class: 'rows' })
  dom.append(header, contentDOM)
  return {
    dom,
    contentDOM,
    update: (next) => {
      if (next.type !== initial.type) return false
      renderColumns(next)
      return true
    },
    ignoreMutation: (mutation) => header.contains(mutation.target),
  }
}

/**
 * The 一级/二级 dropdowns and the pickers (监控 choices, 自评 bands) follow the editor's editability. ProseMirror does
 * not redraw node views when only `editable` changes (an editor opened
 * read-only becomes editable once its role or status allows), so a plugin view, which is
 * told of every props change, sets them all when it flips.
 */
const LevelsFollowEditable = Extension.create({
  name: 'levelsFollowEditable',
  addProseMirrorPlugins: () => [
    new Plugin({
      view: (view) => {
        let editable = view.editable
        return {
          update: () => {
            if (view.editable === editable) return
            editable = view.editable
            view.dom.querySelectorAll<HTMLSelectElement>('.levels:not([data-carried]) select, select.choice, select.band-picker').forEach((el) => (el.disabled = !editable))
          },
        }
      },
    }),
  ],
})

/** The shared schema's extensions, with these views attached. */
export function withNodeViews(extensions: Extensions, context: ViewContext = { kind: () => undefined }): Extensions {
  if (!document.getElementById(MERGED_STYLE_ID)) document.head.append(element('style', { id: MERGED_STYLE_ID }, mergedLevelStyles()))
  return [...extensions.map((extension) => {
    if (extension.name === NODE.indicatorList) {
      return (extension as import('@tiptap/core').Node).extend({ addNodeView: () => ({ node }) => indicatorListView(node, context) })
    }
    if (extension.name === NODE.project) {
      return (extension as import('@tiptap/core').Node).extend({ addNodeView: () => ({ node, view, getPos, decorations }) => projectView(node, context, view, getPos as () => number | undefined, decorations as readonly Decoration[]) })
    }
    if (extension.name === NODE.indicator) {
      return (extension as import('@tiptap/core').Node).extend({
        addNodeView: () => ({ node, view, getPos }) => indicatorView(node, view, getPos as () => number | undefined, context),
      })
    }
    if ((extension.config as { content?: string }).content === 'text*') {
      return (extension as import('@tiptap/core').Node).extend({ addNodeView: () => ({ node, view, getPos }) => fieldView(node, context, view, getPos as () => number | undefined) })
    }
    return extension
  }), LevelsFollowEditable]
}
