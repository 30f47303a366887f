/**
 * The outline beside the document: Part 1's sections, the department total,
 * and each project with its amount, its open comments and its findings;
 * clicking scrolls the document there.
 */
import type { Editor } from '@tiptap/core'
import { createMemo, For, Index, Show } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { inYuan, sameAmount, wanPerUnit, wanText } from '@shared/model/amounts'
import type { BudgetDocument } from '@shared/model/budget-document'
import { departmentTotal, projectsLeftOut } from '@shared/checks/rules/arithmetic'
import { lastYearOf as matchLastYear } from '@shared/checks/results-application'
import { NODE } from '@shared/schema/node-names'
import type { DocumentKind } from '@shared/model/document-kind'
import { KIND_LAYOUT } from '@shared/model/kind-layout'
import { anchorRange } from '../editor/comment-anchors'
import { nth, putCaretIn, type PlacedNode } from '../editor/place'
import { T } from '../i18n/zh-CN'
import type { DocumentSession } from './document-session'

/**
 * Goes to a node as a person expects of an outline: the cursor at the start
 * of its first field (which in a long document draws its project at once,
 * and keeps it drawn wherever a late scroll to the cursor goes), and the
 * node's top scrolled to just below the sticky toolbar (its scroll-margin).
 * Tables not yet drawn count with an estimated height (content-visibility,
 * or the frame a long document shows for a table far away), and the ones
 * the scroll brings near get drawn a frame or two later and change it —
 * the table itself is then a new element: so it finds the node's element
 * again each frame and keeps the place there until it has stayed put for a
 * few frames (at most a third of a second).
 */
const STILL_FRAMES = 3
const MAX_FRAMES = 20
const goTo = (editor: Editor | null, type: string, n = 0) => {
  const placed = (): PlacedNode | null => (editor && !editor.isDestroyed ? nth({ pos: -1, node: editor.state.doc }, type, n) : null)
  const elementOf = (): HTMLElement | null => {
    const found = placed()
    return editor && found ? (editor.view.nodeDOM(found.pos) as HTMLElement | null) : null
  }
  const target = placed()
  if (!editor || !target) return
  putCaretIn(editor, target)
  let el = elementOf()
  if (!el) return
  el.scrollIntoView({ block: 'start' })
  let top = el.getBoundingClientRect().top
  let still = 0
  const watch = (frame: number) => {
    el = elementOf()
    if (!el) return
    if (Math.abs(el.getBoundingClientRect().top - top) > 1) {
      el.scrollIntoView({ block: 'start' })
      top = el.getBoundingClientRect().top
      still = 0
    } else still++
    if (still < STILL_FRAMES && frame < MAX_FRAMES) requestAnimationFrame(() => watch(frame + 1))
  }
  requestAnimationFrame(() => watch(1))
}

/** Open threads per project (0-based), by where their anchors are now. */
function threadsPerProject(session: DocumentSession): number[] {
  const editor = session.editor()
  const part = editor?.state.doc.lastChild
  if (!editor || !part) return []
  const starts: number[] = []
  let offset = editor.state.doc.content.size - part.nodeSize + 1
  part.forEach((child) => {
    starts.push(offset)
    offset += child.nodeSize
  })
  const counts = starts.map(() => 0)
  for (const thread of session.threads.list()) {
    const range = thread.status === 'open' ? anchorRange(editor.state, thread) : null
    if (!range || range.from < starts[0]!) continue
    const index = starts.findLastIndex((start) => start <= range.from)
    counts[index]!++
  }
  return counts
}

/** What a 监控's or 自评's project adds to its outline line ('' for targets). */
function followUp(project: BudgetDocument['projects'][number]): string {
  const p = project as unknown as { funds?: { rate: number | null; budget?: number | null; earned?: number | null }; earned?: number | null; grade?: string | null; ungraded?: number | null; indicators: { points?: number; earned?: number | null }[] }
  if (!p.funds) return ''
  // The line's amount is the targets' 预算数; a 执行率 taken against an adjusted 全年预算数 says so (24.00 beside 40%,
  // which is 12 of 30, read as a wrong rate).
  const budget = p.funds.budget == null ? null : p.funds.budget * wanPerUnit(project.moneyUnit)
  const adjusted = budget !== null && project.budget.total !== null && !sameAmount(budget, project.budget.total) ? budget : null
  const rate = T.outlineRate(p.funds.rate === null ? '—' : `${p.funds.rate.toFixed(2)}%`, adjusted === null ? null : wanText(adjusted))
  if (p.indicators.some((i) => i.points !== undefined) || p.earned !== undefined) {
    return `${rate} · ${p.earned == null ? T.derived.noTotal(p.indicators.some((i) => i.earned == null), p.funds.earned == null) : T.derived.total(String(p.earned), T.gradeText(p.grade, p.ungraded))}`
  }
  return rate
}

/** A project's 预算数 in 万元; one under 0.01 万元 (a 元 table's 0.40) in 元, where 0.00 would read as nothing. */
const shownAmount = (total: number | null): string =>
  total === null ? '—' : total > 0 && total < 0.01 ? inYuan(total) : wanText(total)

export function Outline(props: { session: DocumentSession }) {
  const s = props.session
  // 结果应用: a draft started from last year's document shows what last year's approved 自评 found, per continuing project
  // (matched as its checks match them: by 项目编码, then 项目名称).
  const lastYearOf = (p: BudgetDocument['projects'][number]) => matchLastYear(p, s.lastYear())
  // Recomputed as the document (through its model) or the threads change.
  const threadCounts = createMemo(() => (s.reading.model(), threadsPerProject(s)))
  // Errors and warnings by project (1-based), sorted once per change rather than filtered per project.
  const findingsByProject = createMemo(() => {
    const byProject = new Map<number, Finding[]>()
    for (const f of s.reading.findings()) {
      if (f.project === null || f.severity === 'info') continue
      const list = byProject.get(f.project)
      if (list) list.push(f)
      else byProject.set(f.project, [f])
    }
    return byProject
  })
  const findingsOf = (project: number) => findingsByProject().get(project) ?? []
  const unread = projectsLeftOut
  const worstOf = (project: number) => (findingsOf(project).some((f) => f.severity === 'error') ? 'error' : 'warning')
  const follows = () => KIND_LAYOUT[(s.facts().kind ?? 'targets') as DocumentKind]?.follows ?? false
  const link = (label: () => string, go: () => void) => (
    <a href="#" onClick={(e) => { e.preventDefault(); go() }}>{label()}</a>
  )
  return (
    <nav class="outline">
      <h2>{T.outline}</h2>
      <Show when={s.reading.model()}>
        {(m) => (
          <>
            {/* A 监控 or 自评 has no Part 1 to go to: it is its project forms. */}
            <Show when={!follows()}>
              <ul class="sections">
                <li>{link(() => T.goals, () => goTo(s.editor(), NODE.goalsSection))}</li>
                <li>{link(() => T.subGoals, () => goTo(s.editor(), NODE.subGoalsSection))}</li>
                <li>{link(() => T.safeguards, () => goTo(s.editor(), NODE.safeguardsSection))}</li>
              </ul>
            </Show>
            <p class="total" classList={{ incomplete: unread(m()) > 0 }} data-testid="department-total">
              {T.departmentTotal(wanText(departmentTotal(m())))}
              {/* A total that leaves a project out says so: it must never read as the whole department's. */}
              <Show when={unread(m()) > 0}><span class="left-out">{T.totalLeavesOut(unread(m()))}</span></Show>
            </p>
            <ol>
              {/* By position: each change derives new project objects, and keying by them rebuilt every row. */}
              <Index each={m().projects}>
                {(p, i) => (
                  <li>
                    {link(() => T.project(i + 1, p().name), () => goTo(s.editor(), NODE.project, i))}
                    <Show when={(threadCounts()[i] ?? 0) > 0}>
                      <span class="count comments" title={T.comments}>{threadCounts()[i]}</span>
                    </Show>
                    <Show when={findingsOf(i + 1).length > 0}>
                      <span class={`count ${worstOf(i + 1)}`} title={T.checks}>{findingsOf(i + 1).length}</span>
                    </Show>
                    <span class="amount">{shownAmount(p().budget.total)}</span>
                    {/* A 自评's 总分 and grade, a 监控's 执行率: from the kind's model, as the form shows them. */}
                    <Show when={followUp(p())}>
                      {(f) => <span class="kind-score" data-testid="outline-score">{f()}</span>}
                    </Show>
                    <Show when={lastYearOf(p())}>
                      {(r) => (
                        <div class="last-year" data-testid="last-year">
                          <span class="total">{T.lastYear(r().earned === null ? '—' : String(r().earned), T.gradeText(r().grade, r().ungraded) || '—')}</span>
                          <ul>
                            <For each={r().indicators}>
                              {(i) => <li title={T.lastYearValue(i.value)}>{T.lastYearIndicator(i.level3, i.actual || '—', i.earned === null ? '—' : String(i.earned), String(i.points))}</li>}
                            </For>
                          </ul>
                        </div>
                      )}
                    </Show>
                  </li>
                )}
              </Index>
            </ol>
          </>
        )}
      </Show>
    </nav>
  )
}
