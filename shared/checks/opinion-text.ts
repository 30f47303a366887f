/**
 * The drafted 审核意见 as a 财政局 lays it out: title, addressee, the
 * opening with its basis and the 总体意见, one paragraph per project with
 * its grade and changes, what the department does next, then 审核单位,
 * date and the place for the seal. Blocks, so that the plain text (what
 * the CLI prints and the reviewer edits) and the Word 审核意见书 are one
 * text laid out twice; `blocksFromText` reads the reviewer's edited text
 * back into blocks, so the Word file says what the reviewer wrote.
 */
import { chineseDate, chineseNumber, type Grade, type ProjectOpinion, type ReviewOpinion } from './review-opinion'
import { BUDGET_NOT_READ } from './total-leaves-out'
import { wanText } from '../model/amounts'

export type OpinionBlock =
  | { kind: 'title'; text: string }
  | { kind: 'addressee'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** A numbered change under 必须修改 / 建议修改. */
  | { kind: 'item'; text: string }
  | { kind: 'signature'; text: string }

/** What each grade means for the project's money (财预〔2015〕88号, 第二十条). */
export const GRADE_OPINION: Record<Grade, string> = {
  优: '绩效目标符合审核要求，同意进入下一步预算安排流程。',
  良: '绩效目标基本符合审核要求，请按建议修改意见与我局协商完善后，进入下一步预算安排流程。',
  中: '绩效目标需修改完善，请按必须修改意见修改后重新报送审核。',
  差: '绩效目标不符合审核要求，不得进入下一步预算安排流程，请重新编制绩效目标后报送。',
}

const money = (budget: number | null) => (budget === null ? BUDGET_NOT_READ : `预算 ${wanText(budget)} 万元`)

function projectBlocks(project: ProjectOpinion, i: number): OpinionBlock[] {
  const criteria = project.criteria.map((c) => `${c.criterion}${c.level}${c.problems.length > 0 && c.level !== '符合' ? `（${c.problems.join('；')}）` : ''}`).join('；')
  const blocks: OpinionBlock[] = [
    { kind: 'heading', text: `（${chineseNumber(i + 1)}）${project.name}（${money(project.budget)}）` },
    { kind: 'paragraph', text: `审核等级：${project.grade}。${project.because}：${criteria}。${GRADE_OPINION[project.grade]}` },
  ]
  blocks.push(...changes('必须修改', project.required), ...changes('建议修改', project.suggested))
  return blocks
}

function changes(heading: string, items: string[]): OpinionBlock[] {
  if (items.length === 0) return []
  if (items.length === 1) return [{ kind: 'paragraph', text: `${heading}：${items[0]}${end(items[0]!)}` }]
  return [{ kind: 'paragraph', text: `${heading}：` }, ...items.map((item, i): OpinionBlock => ({ kind: 'item', text: `${i + 1}. ${item}${end(item)}` }))]
}
const end = (text: string) => (/[。；]$/.test(text) ? '' : '。')

function nextSteps(opinion: ReviewOpinion): string {
  const byGrade = (grade: Grade) => opinion.projects.filter((p) => p.grade === grade).map((p) => `（${chineseNumber(p.number)}）`)
  const parts: string[] = []
  const returned = [...byGrade('中'), ...byGrade('差')]
  if (opinion.resubmitBy) {
    const which = returned.length === opinion.projects.length ? '各项目' : returned.length > 0 ? `第二部分${returned.join('')}项目` : '部门整体绩效目标'
    parts.push(`请于${chineseDate(opinion.resubmitBy)}前，按必须修改意见对${which}的绩效目标修改完善后重新报送审核，逾期未报送的，相关项目暂不安排预算。`)
  }
  if (byGrade('差').length > 0) parts.push(`${byGrade('差').join('')}项目审核等级为“差”，不得进入下一步预算安排流程。`)
  if (byGrade('良').length > 0) parts.push(`${byGrade('良').join('')}项目按建议修改意见完善后，进入下一步预算安排流程。`)
  if (byGrade('优').length > 0) parts.push(`${byGrade('优').join('')}项目同意按所报绩效目标安排预算。`)
  parts.push('绩效目标经批复后，将作为预算执行监控和绩效评价的依据。')
  return parts.join('')
}

export function opinionBlocks(opinion: ReviewOpinion): OpinionBlock[] {
  const blocks: OpinionBlock[] = [
    { kind: 'title', text: opinion.title },
    { kind: 'addressee', text: `${opinion.addressee}：` },
    { kind: 'paragraph', text: opinion.opening },
    { kind: 'heading', text: '一、总体意见' },
    { kind: 'paragraph', text: opinion.overall },
  ]
  opinion.common.forEach((c, i) => {
    const advice = `${c.advice.map((a) => a.replace(/[。；]$/, '')).join('；')}。`
    const where = c.projects.length === opinion.projects.length ? '各项目均存在' : `涉及项目${c.projects.map((p) => `（${chineseNumber(p)}）`).join('')}`
    blocks.push({ kind: 'paragraph', text: `（${chineseNumber(i + 1)}）${c.problem}（${where}）。${advice}` })
  })
  blocks.push(...changes('部门整体绩效目标必须修改', opinion.documentChanges.required), ...changes('部门整体绩效目标建议修改', opinion.documentChanges.suggested))
  blocks.push({ kind: 'heading', text: '二、各项目审核意见' })
  opinion.projects.forEach((project, i) => blocks.push(...projectBlocks(project, i)))
  blocks.push({ kind: 'heading', text: '三、审核结论及有关要求' })
  blocks.push({ kind: 'paragraph', text: `审核结论：${opinion.conclusion}。${nextSteps(opinion)}` })
  blocks.push({ kind: 'signature', text: `${opinion.reviewer}（盖章）` }, { kind: 'signature', text: chineseDate(opinion.date) })
  return blocks
}

const INDENT = '　　'

/** The opinion as plain text: what the CLI prints and the reviewer's draft starts from. */
export function opinionText(opinion: ReviewOpinion): string {
  return opinionBlocks(opinion)
    .map((block) => {
      if (block.kind === 'title') return `${block.text}\n`
      if (block.kind === 'addressee') return block.text
      if (block.kind === 'signature') return `${INDENT.repeat(8)}${block.text}`
      if (block.kind === 'item') return `${INDENT.repeat(2)}${block.text}`
      return `${INDENT}${block.text}`
    })
    .join('\n')
}

const CHINESE_HEADING = /^[一二三四五六七八九十]+、/
const NUMBERED_HEADING = /^（[一二三四五六七八九十]+）/

/**
 * The blocks of an opinion's text as `opinionText` lays it out and the
 * reviewer then edits: the first line is the title, the next line flush
 * left the addressee, lines indented eight times the signature, twice a
 * numbered change; 一、 lines and （一） lines that are not sentences are
 * headings. Never throws: any text reads as some blocks.
 */
export function blocksFromText(text: string): OpinionBlock[] {
  const blocks: OpinionBlock[] = []
  for (const line of text.split(/\r?\n/)) {
    const indent = /^[\s\u3000]*/.exec(line)![0].replace(/ {2}/g, '\u3000').length
    const content = line.trim()
    if (content === '') continue
    if (blocks.length === 0) blocks.push({ kind: 'title', text: content })
    else if (indent === 0 && blocks.length === 1 && /[：:]$/.test(content)) blocks.push({ kind: 'addressee', text: content })
    else if (indent >= 4 * INDENT.length) blocks.push({ kind: 'signature', text: content })
    else if (indent >= 2 * INDENT.length) blocks.push({ kind: 'item', text: content })
    else if (CHINESE_HEADING.test(content) || (NUMBERED_HEADING.test(content) && !/[。；]$/.test(content))) blocks.push({ kind: 'heading', text: content })
    else blocks.push({ kind: 'paragraph', text: content })
  }
  return blocks
}
