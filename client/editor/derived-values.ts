/**
 * What a 监控 or 自评 form derives, shown in it as people type: the
 * 执行率 (and, in a 监控, the plan's share by the 截至月份), each
 * indicator's 分值 and — where nobody chose one — the 得分 its 实际完成值
 * earns, each project's 总分 per 一级 and its grade. All of it comes from
 * the kind's model (`shared/self-evaluation`, `shared/monitoring`) after
 * each pause in typing, and is drawn as widgets (decorations): never text
 * in the document, never typed.
 *
 * A qualitative row of a 自评 gets its band picker here too (达成 100% /
 * 部分达成 80–60% / 未达成 <60%): choosing a band writes the 得分 it allows
 * into the row's 得分 cell, as a person would type it.
 *
 * `derivedWidgets` is the pure part (positions and texts, tested in Node);
 * `DerivedValues` draws them; `showDerived` hands it a new model.
 */
import { Extension, type Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import { parseIndicatorValue } from '@shared/model/indicator-value'
import { figuresDiffer, parseAmount, parsePercent } from '@shared/model/numbers'
import { NODE } from '@shared/schema/node-names'
import { levelTotals } from '@shared/self-evaluation/level-totals'
import { qualitativeEarned, type Band } from '@shared/self-evaluation/scoring'
import { T } from '../i18n/zh-CN'
import { UNREADABLE_RATE } from '@shared/kinds/rate-withheld'

const CELL = { fundsRate: NODE.fundsRate, fundsPoints: NODE.fundsPoints, fundsEarned: NODE.fundsEarned, indicatorEarned: NODE.indicatorEarned } as const

/** What the widgets read of a kind's model: the keys both new kinds' models have (spec #30), all optional for targets. */
export interface DerivedModel {
  kind?: string
  /** A 监控's 截至月份 as a month (null: none chosen, so no plan share can be read). */
  month?: number | null
  projects: readonly {
    funds?: { budget?: number | null; executed?: number | null; rate: number | null; points?: number; earned?: number | null; planned?: number | null }
    indicators: readonly { level1: string; value: string; points?: number; earned?: number | null }[]
    earned?: number | null
    grade?: string | null
    /** 自评: its 分值 added up where they pass full marks (no grade then); else null. */
    ungraded?: number | null
  }[]
}

/** A 监控's 截至月份 as the form shows it: what meta holds, whether this person may change it now, and how. */
export interface AsOfControl {
  value: string
  mayChange: boolean
  change(value: string): void
}

export type Widget =
  | { pos: number; side: 1 | -1; kind: 'text'; className: string; text: string; title?: string }
  | { pos: number; side: -1; kind: 'asOf'; control: AsOfControl }
  | { pos: number; side: -1; kind: 'band'; band: Band | ''; points: number }
  | { pos: number; side: 1; kind: 'score'; lines: string[]; total: string }

const figure = (n: number) => String(Math.round(n * 100) / 100)
const percent = (n: number) => `${n.toFixed(2)}%`

/** A written figure the same as the computed one: nothing to add beside it. */
const agrees = (written: number | null, computed: number | null | undefined): boolean =>
  written !== null && computed != null && !figuresDiffer(written, computed)

/** The band a chosen 得分 falls in (of its 分值), or '' before one is chosen. */
export function bandOfScore(earned: number | null, points: number): Band | '' {
  if (earned === null || !(points > 0)) return ''
  const share = earned / points
  return share >= 1 ? '达成' : share >= 0.6 ? '部分达成' : '未达成'
}

/** Where each widget goes in `doc`, and what it says, for `model` (of the same text). Targets have none; a 监控 heads its forms with its 截至月份 (`asOf`). */
export function derivedWidgets(doc: PMNode, model: DerivedModel, asOf?: AsOfControl): Widget[] {
  const kind = model.kind
  if (kind !== 'self-evaluation' && kind !== 'monitoring') return []
  const part = doc.lastChild
  if (!part || part.type.name !== NODE.projectsPart) return []
  const widgets: Widget[] = []
  let projectPos = doc.content.size - part.nodeSize + 1
  if (kind === 'monitoring' && asOf) widgets.push({ pos: projectPos, side: -1, kind: 'asOf', control: asOf })
  part.forEach((projectNode, _offset, i) => {
    const project = model.projects[i]
    const start = projectPos
    projectPos += projectNode.nodeSize
    if (!project || projectNode.type.name !== NODE.project) return
    let row = -1
    // 全年预算数 and 执行数 as written (they come before the 执行率 in the form): one written that the model could not read is why no 执行率.
    const unread = { budget: false, executed: false }
    projectNode.descendants((node, pos) => {
      const at = start + 1 + pos
      const name = node.type.name
      if (name === NODE.indicator) row++
      if (!node.isTextblock) return true
      const end = at + 1 + node.content.size
      const written = node.textContent.trim()
      const funds = project.funds
      if (name === NODE.fundsBudget) unread.budget = written !== '' && funds?.budget === null
      if (name === NODE.fundsExecuted) unread.executed = written !== '' && funds?.executed === null
      if (name === CELL.fundsRate && funds) {
        const rate = funds.rate !== null ? percent(funds.rate) : unread.budget || unread.executed ? UNREADABLE_RATE : '—'
        // No 截至月份 chosen: say so where the plan's share would be, rather than leave a gap that reads as "no plan".
        const planned = kind !== 'monitoring' ? '' : funds.planned != null ? T.derived.planned(percent(funds.planned)) : model.month === null ? T.derived.noPlanMonth : ''
        const shown = !written ? rate : agrees(parsePercent(written), funds.rate) ? '' : T.derived.computed(rate)
        if (shown || planned) widgets.push({ pos: end, side: 1, kind: 'text', className: 'derived', text: `${shown}${planned}`, title: T.derived.rateTitle })
      } else if (kind === 'self-evaluation' && name === CELL.fundsPoints && funds && !written && funds.points !== undefined) {
        widgets.push({ pos: end, side: 1, kind: 'text', className: 'derived', text: figure(funds.points), title: T.derived.defaultWeight })
      } else if (kind === 'self-evaluation' && name === CELL.fundsEarned && funds) {
        const earned = funds.earned == null ? '—' : figure(funds.earned)
        if (!written || !agrees(parseAmount(written.replace(/分$/, '')), funds.earned)) {
          widgets.push({ pos: end, side: 1, kind: 'text', className: 'derived', text: written ? T.derived.computed(earned) : earned, title: T.derived.earnedTitle })
        }
      } else if (kind === 'self-evaluation' && name === CELL.indicatorEarned) {
        const indicator = project.indicators[row]
        if (!indicator || indicator.points === undefined) return false
        if (parseIndicatorValue(indicator.value).qualitative) {
          widgets.push({ pos: at + 1, side: -1, kind: 'band', band: bandOfScore(written ? (indicator.earned ?? null) : null, indicator.points), points: indicator.points })
        }
        if (!written && indicator.earned != null) widgets.push({ pos: end, side: 1, kind: 'text', className: 'derived auto', text: figure(indicator.earned), title: T.derived.autoEarned })
        widgets.push({ pos: end, side: 1, kind: 'text', className: 'derived points', text: ` / ${figure(indicator.points)}`, title: T.derived.points })
      }
      return false
    })
    if (kind === 'self-evaluation' && project.funds?.points !== undefined) {
      const lines = levelTotals({
        indicators: project.indicators.map((i) => ({ level1: i.level1, points: i.points ?? 0, earned: i.earned ?? null })),
        funds: { points: project.funds.points, earned: project.funds.earned ?? null },
        earned: project.earned ?? null,
        grade: null,
      }).map((l) => T.derived.level(l.level1 || T.derived.noLevel, l.earned === null ? '—' : figure(l.earned), figure(l.points)))
      lines.push(T.derived.level(T.derived.execution, project.funds.earned == null ? '—' : figure(project.funds.earned), figure(project.funds.points)))
      widgets.push({ pos: start + projectNode.nodeSize - 1, side: 1, kind: 'score', lines, total: project.earned == null ? T.derived.noTotal(project.indicators.some((i) => i.earned == null), project.funds.earned == null) : T.derived.total(figure(project.earned), T.gradeText(project.grade, project.ungraded)) })
    }
  })
  return widgets
}

const key = new PluginKey<DecorationSet>('derivedValues')

/** Writes `text` as the whole content of the text cell `pos` is in, as one's own edit (suggested, for a reviewer). */
function writeCell(view: EditorView, pos: number, text: string): void {
  if (!view.editable) return
  const $pos = view.state.doc.resolve(pos)
  const tr = view.state.tr.insertText(text, $pos.start(), $pos.end())
  view.dispatch(tr)
}

function bandPicker(widget: Extract<Widget, { kind: 'band' }>): (view: EditorView, getPos: () => number | undefined) => HTMLElement {
  return (view, getPos) => {
    const select = document.createElement('select')
    select.className = 'band-picker'
    select.setAttribute('aria-label', T.derived.band)
    select.contentEditable = 'false'
    select.disabled = !view.editable
    for (const [value, label] of [['', T.derived.chooseBand], ...Object.entries(T.derived.bands)] as const) {
      const option = document.createElement('option')
      option.value = value
      option.textContent = label
      select.append(option)
    }
    select.value = widget.band
    select.addEventListener('change', () => {
      const pos = getPos()
      if (pos === undefined || !select.value) return
      writeCell(view, pos, figure(qualitativeEarned(select.value as Band, widget.points)))
    })
    return select
  }
}

/** The months a 截至月份 is chosen from; a value written otherwise ("2026年1-6月") is kept as the first choice. */
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)

function asOfPicker(control: AsOfControl): HTMLElement {
  const line = document.createElement('div')
  line.className = 'as-of'
  line.dataset.testid = 'as-of'
  line.contentEditable = 'false'
  const label = document.createElement('label')
  label.textContent = T.derived.asOf
  const select = document.createElement('select')
  select.setAttribute('aria-label', T.derived.asOf)
  select.disabled = !control.mayChange
  select.title = control.mayChange ? T.derived.asOfTitle : T.derived.asOfReadOnly
  for (const month of control.value && !MONTHS.includes(control.value) ? [control.value, ...MONTHS] : ['', ...MONTHS]) {
    const option = document.createElement('option')
    option.value = month
    option.textContent = month || T.derived.noAsOf
    select.append(option)
  }
  select.value = control.value
  select.addEventListener('change', () => {
    if (select.value && control.mayChange) control.change(select.value)
  })
  label.append(select)
  line.append(label)
  return line
}

function scoreBox(widget: Extract<Widget, { kind: 'score' }>): HTMLElement {
  const box = document.createElement('div')
  box.className = 'project-score'
  box.dataset.testid = 'project-score'
  box.contentEditable = 'false'
  for (const line of widget.lines) {
    const span = document.createElement('span')
    span.textContent = line
    box.append(span)
  }
  const total = document.createElement('strong')
  total.className = 'total'
  total.textContent = widget.total
  box.append(total)
  return box
}

function decorationsOf(doc: PMNode, widgets: readonly Widget[]): DecorationSet {
  return DecorationSet.create(
    doc,
    widgets.map((w) => {
      if (w.kind === 'band') return Decoration.widget(w.pos, bandPicker(w), { side: w.side, ignoreSelection: true, stopEvent: () => true, key: `band:${w.pos}:${w.band}:${w.points}` })
      if (w.kind === 'score') return Decoration.widget(w.pos, () => scoreBox(w), { side: w.side, ignoreSelection: true, key: `score:${w.lines.join()}:${w.total}` })
      if (w.kind === 'asOf') return Decoration.widget(w.pos, () => asOfPicker(w.control), { side: w.side, ignoreSelection: true, stopEvent: () => true, key: `asOf:${w.control.value}:${w.control.mayChange}` })
      return Decoration.widget(w.pos, (view, getPos) => {
        const span = document.createElement('span')
        span.className = w.className
        span.contentEditable = 'false'
        span.textContent = w.text
        if (w.title) span.title = w.title
        // A figure drawn in a cell is where a person clicks to type in that cell: the browser puts no caret
        // in a non-editable span, and the keys would go wherever the cursor was before (the title, a neighbour).
        span.addEventListener('mousedown', (event) => {
          const pos = getPos()
          if (pos === undefined || !view.editable) return
          event.preventDefault()
          view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)))
          view.focus()
        })
        return span
      }, { side: w.side, ignoreSelection: true, stopEvent: (event) => event.type === 'mousedown', key: `${w.className}:${w.text}` })
    }),
  )
}

/** Draws the widgets `showDerived` last handed it, moved along with the text in between. */
export const DerivedValues = Extension.create({
  name: 'derivedValues',
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key,
      state: {
        init: () => DecorationSet.empty,
        apply: (tr, set) => {
          const widgets = tr.getMeta(key) as Widget[] | undefined
          return widgets ? decorationsOf(tr.doc, widgets) : set.map(tr.mapping, tr.doc)
        },
      },
      props: { decorations: (state: EditorState) => key.getState(state) },
    }),
  ],
})

/** Shows what `model` derives in the editor (call with the model of the editor's current text), and a 监控's 截至月份 control. */
export function showDerived(editor: Editor, model: DerivedModel, asOf?: AsOfControl): void {
  if (editor.isDestroyed) return
  const widgets = derivedWidgets(editor.state.doc, model, asOf)
  // Nothing to draw before or after: no transaction at all (a targets document never dispatches one).
  if (widgets.length === 0 && key.getState(editor.state) === DecorationSet.empty) return
  editor.view.dispatch(editor.state.tr.setMeta(key, widgets).setMeta('addToHistory', false))
}
