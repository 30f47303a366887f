/**
 * Projects drawn only near the window. A document of more than
 * `PLACEHOLDER_THRESHOLD` projects shows each 绩效目标表 far from the
 * window as an empty frame of its measured (or estimated) height, with its
 * title; an IntersectionObserver says when one comes within a window's
 * height of the screen, and it is drawn — and when it is four windows
 * away, it is an empty frame again. ProseMirror then builds, and every later
 * change walks, the DOM of a few projects instead of a thousand (on 500
 * projects the DOM alone was ~600,000 elements).
 *
 * A shorter document opens the same way, with only the tables near the
 * window drawn, and the rest are drawn right after the first paint
 * (first-screen.ts); from then on every project is drawn, as before, and
 * none is ever a frame again. The editor's root says which it is in
 * `data-drawn`: `first-screen` until the rest are drawn, `all` after, `near`
 * in a long document (what tests wait for before reading cells by their
 * place on the page).
 *
 * The project holding the selection is always drawn, whatever the scroll:
 * whatever puts the cursor somewhere (Tab into the next table, 查找替换,
 * the checks' 定位, the outline) draws that project in the same transaction,
 * so the cursor has its cell to be in and can be scrolled to.
 *
 * Which projects are drawn is plugin state (their indices in the projects
 * part), shown to the project node views as node decorations: a view whose
 * decoration comes or goes is redrawn by ProseMirror. Indices, not
 * positions, because the Yjs binding applies every remote change as a
 * replacement of the whole document, through which no position survives.
 * What is not drawn stays in the model, so find, printing, exports and the
 * checks read it as before; a colleague's caret or a comment in a frame
 * shows once it is drawn.
 */
import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { NodeSelection, Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import { NODE } from '@shared/schema/node-names'
import { OPEN_MARK } from '../sync/open-marks'
import { drawRestAfterPaint, isNearWindow, remainingProjects, type Filler } from './first-screen'

/** Up to this many projects every project is drawn once the first screen is painted (the sample has 11; usual documents tens). */
export const PLACEHOLDER_THRESHOLD = 50

/** Drawn within one window's height of the screen; a frame again past four. */
const NEAR_MARGIN = '100% 0px'
const FAR_MARGIN = '400% 0px'

interface Drawn {
  /** Indices of the projects the observer found near the window (and, while filling, those drawn since). */
  near: ReadonlySet<number>
  /** A short document whose projects are not all drawn yet: drawn as a long one is, until the rest are (first-screen.ts). */
  filling: boolean
  /** The projects part the decorations were made for, and the projects the selection is in. */
  part: PMNode | null
  selected: readonly number[]
  decorations: DecorationSet
}

interface DrawMeta {
  draw?: readonly number[]
  undraw?: readonly number[]
  /** Every project of a short document is drawn from now on. */
  filled?: true
}

const key = new PluginKey<Drawn>('projectPlaceholders')

/** The decoration's spec that tells a project view to draw itself. */
const DRAW = { drawProject: true }

const partOf = (doc: PMNode): { node: PMNode; pos: number } | null => {
  let found: { node: PMNode; pos: number } | null = null
  doc.forEach((child, offset) => {
    if (child.type.name === NODE.projectsPart) found = { node: child, pos: offset }
  })
  return found
}

const countOf = (part: PMNode | null): number => part?.childCount ?? 0

/** Whether a document has enough projects to draw only those near the window, always. */
export const drawsLazily = (doc: PMNode): boolean => countOf(partOf(doc)?.node ?? null) > PLACEHOLDER_THRESHOLD

/** Whether every project of the document is drawn: a short document once its first screen is painted and the rest are drawn. */
export function drawsAll(state: EditorState): boolean {
  const drawn = key.getState(state)
  // A state without the plugin (Tiptap builds its first view before adding the plugins) draws frames: the plugin draws what is near.
  return drawn !== undefined && !drawn.filling && countOf(drawn.part) <= PLACEHOLDER_THRESHOLD
}

/** What the editor's root says in `data-drawn`. */
export const drawnState = (state: EditorState): 'all' | 'near' | 'first-screen' =>
  drawsAll(state) ? 'all' : drawsLazily(state.doc) ? 'near' : 'first-screen'

/** The indices of the projects a position lies in or right before (a NodeSelection of a project). */
function projectIndexAt(state: EditorState, pos: number): number | null {
  const $pos = state.doc.resolve(pos)
  for (let depth = $pos.depth; depth >= 0; depth--) {
    if ($pos.node(depth).type.name === NODE.projectsPart) {
      if (depth < $pos.depth) return $pos.index(depth)
      return $pos.nodeAfter?.type.name === NODE.project ? $pos.index(depth) : null
    }
  }
  return null
}

function selectedProjects(state: EditorState): number[] {
  const { from, to } = state.selection
  const first = projectIndexAt(state, from)
  const last = state.selection instanceof NodeSelection ? first : projectIndexAt(state, to)
  return [...new Set([first, last].filter((i): i is number => i !== null))]
}

/** Where the near projects were, carried to a document whose projects were added or removed: by the same (unchanged) node. */
function carryNear(near: ReadonlySet<number>, before: PMNode, after: PMNode): Set<number> {
  const nodes = new Set<PMNode>()
  for (const i of near) if (i < before.childCount) nodes.add(before.child(i))
  const carried = new Set<number>()
  after.forEach((child, _offset, i) => {
    if (nodes.has(child)) carried.add(i)
  })
  return carried
}

function decorate(doc: PMNode, near: ReadonlySet<number>, selected: readonly number[], filling: boolean): DecorationSet {
  const part = partOf(doc)
  if (!part || (part.node.childCount <= PLACEHOLDER_THRESHOLD && !filling)) return DecorationSet.empty
  const wanted = new Set([...near, ...selected])
  const decorations: Decoration[] = []
  let pos = part.pos + 1
  part.node.forEach((child, _offset, i) => {
    if (wanted.has(i)) decorations.push(Decoration.node(pos, pos + child.nodeSize, {}, DRAW))
    pos += child.nodeSize
  })
  return DecorationSet.create(doc, decorations)
}

function apply(tr: Transaction, drawn: Drawn, state: EditorState): Drawn {
  const part = partOf(state.doc)?.node ?? null
  let near = drawn.near
  if (tr.docChanged && part && drawn.part && part.childCount !== drawn.part.childCount) near = carryNear(near, drawn.part, part)
  const meta = tr.getMeta(key) as DrawMeta | undefined
  const short = countOf(part) <= PLACEHOLDER_THRESHOLD
  // A document grown long while filling is drawn as a long one from then on; a short one is never filling again.
  const filling = drawn.filling && !meta?.filled && short
  // Filled, every project is drawn whatever is near: should the document grow long, it starts from the window as today.
  if (drawn.filling && !filling && short) near = new Set()
  else if (meta?.draw?.length || (meta?.undraw?.length && !short)) {
    const next = new Set(near)
    for (const i of meta.draw ?? []) next.add(i)
    // A short document's tables, once drawn, stay drawn.
    if (!short) for (const i of meta.undraw ?? []) next.delete(i)
    near = next
  }
  const selected = selectedProjects(state)
  const sameSelected = selected.length === drawn.selected.length && selected.every((i, n) => drawn.selected[n] === i)
  // Any change to the document may move the projects (text typed in Part 1 does): the decorations are made again for it.
  if (near === drawn.near && filling === drawn.filling && !tr.docChanged && sameSelected) return drawn
  return { near, filling, part, selected, decorations: decorate(state.doc, near, selected, filling) }
}

/** Whether a project view with these decorations is drawn in full. */
export const isDrawn = (view: EditorView, decorations: readonly Decoration[]): boolean =>
  drawsAll(view.state) || decorations.some((d) => (d.spec as typeof DRAW).drawProject === true)

/**
 * The observers of one editor's projects, and the heights they were seen
 * at (by index: what a frame stands in for until drawn again).
 */
class Watcher {
  private readonly near: IntersectionObserver
  private readonly far: IntersectionObserver
  private readonly positions = new Map<Element, () => number | undefined>()
  private readonly heights = new Map<number, number>()
  /** Measured height per unit of `weightOf`: what a project never drawn is estimated at. */
  private measured = { height: 0, weight: 0 }
  private pending: { draw: Set<number>; undraw: Set<number> } = { draw: new Set(), undraw: new Set() }
  private flushing = false

  constructor(private readonly view: EditorView) {
    this.near = new IntersectionObserver((entries) => this.seen(entries, true), { rootMargin: NEAR_MARGIN })
    this.far = new IntersectionObserver((entries) => this.seen(entries, false), { rootMargin: FAR_MARGIN })
  }

  watch(dom: HTMLElement, getPos: () => number | undefined): void {
    this.positions.set(dom, getPos)
    this.near.observe(dom)
    this.far.observe(dom)
  }

  unwatch(dom: HTMLElement): void {
    this.positions.delete(dom)
    this.near.unobserve(dom)
    this.far.unobserve(dom)
  }

  /**
   * Draws the frames near the window now, as read from their boxes (one
   * layout): at the first build, so the first frame painted shows the
   * tables in the window, where the observer would have them drawn only
   * after it.
   */
  drawNear(): void {
    const height = this.view.dom.ownerDocument.defaultView?.innerHeight ?? 0
    for (const dom of this.positions.keys()) {
      if ((dom as HTMLElement).dataset.placeholder === undefined) continue
      const index = this.indexOf(dom)
      if (index !== null && isNearWindow(dom.getBoundingClientRect(), height)) {
        this.pending.draw.add(index)
        this.pending.undraw.delete(index)
      }
    }
    this.flush()
  }

  /** The height a frame for this project takes: as last seen drawn, or estimated from the projects seen. */
  heightOf(index: number, node: PMNode): number {
    const seen = this.heights.get(index)
    if (seen !== undefined) return seen
    const perWeight = this.measured.weight > 0 ? this.measured.height / this.measured.weight : ESTIMATED_PER_WEIGHT
    return Math.round(perWeight * weightOf(node))
  }

  private indexOf(dom: Element): number | null {
    const pos = this.positions.get(dom)?.()
    if (pos === undefined) return null
    const $pos = this.view.state.doc.resolve(pos)
    return $pos.nodeAfter?.type.name === NODE.project ? $pos.index() : null
  }

  private seen(entries: IntersectionObserverEntry[], nearObserver: boolean): void {
    const near = key.getState(this.view.state)?.near ?? new Set<number>()
    for (const entry of entries) {
      const index = this.indexOf(entry.target)
      if (index === null) continue
      const drawn = (entry.target as HTMLElement).dataset.placeholder === undefined
      if (drawn && entry.boundingClientRect.height > 0) this.remember(index, entry.target, entry.boundingClientRect.height)
      // By what the plugin holds, not by what is drawn: a table drawn for the selection alone is a frame again once the cursor leaves it.
      if (nearObserver && entry.isIntersecting && !near.has(index)) {
        this.pending.draw.add(index)
        this.pending.undraw.delete(index)
      } else if (!nearObserver && !entry.isIntersecting && near.has(index)) {
        this.pending.undraw.add(index)
        this.pending.draw.delete(index)
      }
    }
    this.flush()
  }

  private remember(index: number, dom: Element, height: number): void {
    const node = this.view.state.doc.resolve(this.positions.get(dom)!()!).nodeAfter!
    if (!this.heights.has(index)) {
      this.measured.height += height
      this.measured.weight += weightOf(node)
    }
    this.heights.set(index, height)
  }

  /** One transaction for what the observers said; not while an input method composes (the composition would be cut). */
  private flush(): void {
    if (this.flushing || (this.pending.draw.size === 0 && this.pending.undraw.size === 0)) return
    if (this.view.isDestroyed) return
    if (this.view.composing) {
      this.flushing = true
      setTimeout(() => {
        this.flushing = false
        this.flush()
      }, 200)
      return
    }
    const meta: DrawMeta = { draw: [...this.pending.draw], undraw: [...this.pending.undraw] }
    this.pending = { draw: new Set(), undraw: new Set() }
    dispatchDrawing(this.view, meta)
  }

  destroy(): void {
    this.near.disconnect()
    this.far.disconnect()
    this.positions.clear()
  }
}

/** Pixels per unit of weight before any project has been seen drawn (a form's line is ~30 px). */
const ESTIMATED_PER_WEIGHT = 30
/** Characters on a cell's line, roughly: a long 资金用途 or 绩效目标 wraps. */
const CHARS_PER_LINE = 40

/** A project's size in lines, roughly: each field a line, long text more. */
function weightOf(node: PMNode): number {
  let weight = 2
  node.descendants((child) => {
    if (!child.isTextblock) return true
    weight += 1 + Math.floor(child.content.size / CHARS_PER_LINE)
    return false
  })
  return weight
}

const watchers = new WeakMap<EditorView, Watcher>()

/** The watcher of a view's projects: made by the first project view drawn, before the plugin's view exists. */
export function watcherOf(view: EditorView): Watcher {
  let watcher = watchers.get(view)
  if (!watcher) {
    watcher = new Watcher(view)
    watchers.set(view, watcher)
  }
  return watcher
}

/**
 * Dispatches what is to be drawn, once ProseMirror has read what the person
 * just did from the DOM: a click's new selection is read a moment later,
 * and a transaction in between would write the old one back.
 */
function dispatchDrawing(view: EditorView, meta: DrawMeta): void {
  ;(view as unknown as { domObserver: { flush(): void } }).domObserver.flush()
  view.dispatch(drawMeta(view.state.tr, meta))
}

/** What first-screen.ts asks of the plugin: the rest of a short document, drawn one by one after the first paint. */
const filler: Filler = {
  remaining: (view) => {
    const drawn = key.getState(view.state)
    return drawn?.filling ? remainingProjects(countOf(drawn.part), new Set([...drawn.near, ...drawn.selected])) : []
  },
  draw: (view, projects) => dispatchDrawing(view, { draw: projects }),
  done: (view) => {
    if (key.getState(view.state)?.filling) dispatchDrawing(view, { filled: true })
    if (drawsAll(view.state)) performance.mark(OPEN_MARK.drawn)
  },
}

/** The plugin: which projects are drawn, as decorations, and the watcher of the view's projects. */
export const projectPlaceholders = (): Plugin<Drawn> =>
  new Plugin<Drawn>({
    key,
    state: {
      init: (_config, state) => {
        const selected = selectedProjects(state)
        const part = partOf(state.doc)?.node ?? null
        // Every document opens drawn near the window; a short one (or one still empty, whose content comes next) fills in after.
        const filling = countOf(part) <= PLACEHOLDER_THRESHOLD
        return { near: new Set(), filling, part, selected, decorations: decorate(state.doc, new Set(), selected, filling) }
      },
      apply: (tr, drawn, _old, state) => apply(tr, drawn, state),
    },
    props: { decorations: (state) => key.getState(state)!.decorations },
    view: (view) => {
      const watcher = watcherOf(view)
      // Written here, not as an `attributes` prop: an attribute the plugin adds makes the view built before the
      // plugins (Tiptap's first) differ from the one after, and that update of the whole view forces a layout.
      const showDrawn = () => {
        const drawn = drawnState(view.state)
        if (view.dom.dataset.drawn !== drawn) view.dom.dataset.drawn = drawn
      }
      showDrawn()
      // Before the first frame is painted, once the page around the editor is laid out.
      const frame = requestAnimationFrame(() => {
        if (!view.isDestroyed) watcher.drawNear()
      })
      const stopFilling = drawRestAfterPaint(view, filler)
      return {
        update: showDrawn,
        destroy: () => {
          cancelAnimationFrame(frame)
          stopFilling()
          watchers.get(view)?.destroy()
          watchers.delete(view)
        },
      }
    },
  })

/** Tells the plugin that projects came near the window (`draw`), went far from it (`undraw`), by index, or that all are drawn (`filled`). */
export const drawMeta = (tr: Transaction, meta: DrawMeta): Transaction => tr.setMeta(key, meta).setMeta('addToHistory', false)

export const ProjectPlaceholders = Extension.create({
  name: 'projectPlaceholders',
  addProseMirrorPlugins: () => [projectPlaceholders()],
})
