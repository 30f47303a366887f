/**
 * The Tiptap extensions that define a 绩效文本 (see node-names.ts for the
 * tree). One definition serves the browser editor, the server's headless
 * reads, the importers and the exporters.
 *
 * Text fields are textblocks of plain text: what the official layouts
 * carry. The only marks are the review marks, allowed in every field.
 */
import { Mark, Node, type Attribute, type Extensions } from '@tiptap/core'
import { isLevel1, isLevel2 } from './taxonomy'
import { FIELD_LABEL } from './field-labels'
import { DETAIL_CELLS, FUNDS_CELLS, INDICATOR_CELLS, INDICATOR_EXTRA_CELLS, INDICATOR_FOLLOW_UP_CELLS, MARK, NODE, PROJECT_CELLS, ROW_NODES } from './node-names'
import { isRowSuggestion, isSuggestionInfo } from './suggestion'
import { ENTERED, isFigureCell } from './figure-cells'

const REVIEW_MARKS = `${MARK.insertion} ${MARK.deletion}`

function parseJSON(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text)
  } catch {
    return null
  }
}

const isRow = (name: string) => (ROW_NODES as readonly string[]).includes(name)

function textField(name: string) {
  return Node.create({
    name,
    content: 'text*',
    marks: REVIEW_MARKS,
    defining: true,
    isolating: true,
    parseHTML: () => [{ tag: `div[data-field="${name}"]` }],
    renderHTML: ({ HTMLAttributes }) => ['div', { 'data-field': name, 'data-label': FIELD_LABEL[name] ?? '', ...HTMLAttributes }, 0],
    ...(isRow(name) ? { addAttributes: () => ({ suggestion: suggestionAttribute }) } : {}),
    ...(isFigureCell(name) ? { addAttributes: () => ({ [ENTERED]: enteredAttribute }) } : {}),
  })
}

/**
 * A figure cell's text as last typed (`figure-cells.ts`). Kept out of HTML both ways: a paste is
 * typing (recorded as such), and text from elsewhere must not bring a record along.
 */
const enteredAttribute: Attribute = { default: null, rendered: false, parseHTML: () => null }

const suggestionAttribute: Attribute = {
  default: null,
  validate: (value: unknown) => {
    if (value !== null && !isRowSuggestion(value)) throw new RangeError(`suggestion 属性无效: ${JSON.stringify(value)}`)
  },
  parseHTML: (element) => {
    const parsed = parseJSON(element.getAttribute('data-suggestion'))
    return isRowSuggestion(parsed) ? parsed : null
  },
  renderHTML: (attrs) => (attrs.suggestion ? { 'data-suggestion': JSON.stringify(attrs.suggestion) } : {}),
}

/** A one-of-the-taxonomy attribute; `''` means not chosen / not recognised. */
function levelAttribute(name: string, isValid: (v: unknown) => boolean): Attribute {
  return {
    default: '',
    validate: (value: unknown) => {
      if (value !== '' && !isValid(value)) throw new RangeError(`${name} 不在指标体系中: ${JSON.stringify(value)}`)
    },
    parseHTML: (element) => element.getAttribute(`data-${name}`) ?? '',
    renderHTML: (attrs) => ({ [`data-${name}`]: attrs[name] }),
  }
}

/** The label as written when it is not the standard name (kept for export). */
function labelAttribute(name: string): Attribute {
  return {
    default: null,
    validate: (value: unknown) => {
      if (value !== null && typeof value !== 'string') throw new RangeError(`${name} 必须是文字`)
    },
    parseHTML: (element) => element.getAttribute(`data-${name}`),
    renderHTML: (attrs) => (attrs[name] === null ? {} : { [`data-${name}`]: attrs[name] }),
  }
}

function container(name: string, content: string, extra: Partial<Parameters<typeof Node.create>[0]> = {}) {
  return Node.create({
    name,
    content,
    isolating: true,
    parseHTML: () => [{ tag: `section[data-node="${name}"]` }],
    renderHTML: ({ HTMLAttributes }) => ['section', { 'data-node': name, ...HTMLAttributes }, 0],
    ...(isRow(name) ? { addAttributes: () => ({ suggestion: suggestionAttribute }) } : {}),
    ...extra,
  })
}

const Doc = Node.create({
  name: NODE.doc,
  topNode: true,
  content: `${NODE.titleBlock} ${NODE.overallPart} ${NODE.projectsPart}`,
})

const Text = Node.create({ name: NODE.text, group: 'inline' })

function reviewMark(name: string) {
  return Mark.create({
    name,
    inclusive: false,
    addAttributes: () => ({
      id: { default: null },
      author: { default: null },
      time: { default: null },
    }),
    // Pasted HTML is untrusted: an attribute that is not a suggestion makes the span plain text.
    parseHTML: () => [
      {
        tag: `span[data-${name}]`,
        getAttrs: (el) => {
          const parsed = parseJSON((el as HTMLElement).getAttribute(`data-${name}`))
          return isSuggestionInfo(parsed) ? parsed : false
        },
      },
    ],
    renderHTML: ({ mark }) => {
      if (!isSuggestionInfo(mark.attrs)) return ['span', 0]
      // No title here: the page gives one, by name, on hover (a mark holds the login, which nobody reads as a name).
      return ['span', { [`data-${name}`]: JSON.stringify(mark.attrs) }, 0]
    },
  })
}

export const documentExtensions: Extensions = [
  Doc,
  Text,
  container(NODE.titleBlock, `${NODE.docTitle} ${NODE.docSubtitle} ${NODE.docPreparer} ${NODE.docReviewer}`),
  textField(NODE.docTitle),
  textField(NODE.docSubtitle),
  textField(NODE.docPreparer),
  textField(NODE.docReviewer),
  container(NODE.overallPart, `${NODE.goalsSection} ${NODE.subGoalsSection} ${NODE.safeguardsSection}`),
  container(NODE.goalsSection, `${NODE.goalItem}*`),
  textField(NODE.goalItem),
  container(NODE.subGoalsSection, `${NODE.subGoal}*`),
  container(NODE.subGoal, `${NODE.subGoalTitle} ${NODE.subGoalDuty} ${NODE.subGoalTarget}`),
  textField(NODE.subGoalTitle),
  textField(NODE.subGoalDuty),
  textField(NODE.subGoalTarget),
  container(NODE.safeguardsSection, `${NODE.safeguardItem}*`),
  textField(NODE.safeguardItem),
  container(NODE.projectsPart, `${NODE.project}*`),
  container(
    NODE.project,
    [
      ...Object.values(PROJECT_CELLS), `${NODE.projectDetails}?`, `${NODE.projectFunds}?`, `${NODE.projectAchieved}?`,
      NODE.spendingPlan, NODE.projectGoal, NODE.indicatorList,
    ].join(' '),
  ),
  container(NODE.projectDetails, Object.values(DETAIL_CELLS).join(' ')),
  ...Object.values(DETAIL_CELLS).map(textField),
  container(NODE.projectFunds, Object.values(FUNDS_CELLS).join(' ')),
  ...Object.values(FUNDS_CELLS).map(textField),
  ...[
    ...Object.values(PROJECT_CELLS), NODE.projectGoal, NODE.projectAchieved, NODE.spendingLabel, NODE.spendingPercent,
    ...Object.values(INDICATOR_CELLS), ...Object.values(INDICATOR_EXTRA_CELLS), ...Object.values(INDICATOR_FOLLOW_UP_CELLS),
  ].map(textField),
  container(NODE.spendingPlan, `${NODE.spendingEntry}*`),
  container(NODE.spendingEntry, `${NODE.spendingLabel} ${NODE.spendingPercent}`),
  container(NODE.indicatorList, `${NODE.indicator}*`),
  container(
    NODE.indicator,
    [...Object.values(INDICATOR_CELLS), ...[...Object.values(INDICATOR_EXTRA_CELLS), ...Object.values(INDICATOR_FOLLOW_UP_CELLS)].map((cell) => `${cell}?`)].join(' '),
    {
      addAttributes: () => ({
        suggestion: suggestionAttribute,
        level1: levelAttribute('level1', isLevel1),
        level1Label: labelAttribute('level1Label'),
        level2: levelAttribute('level2', isLevel2),
        level2Label: labelAttribute('level2Label'),
      }),
    },
  ),
  reviewMark(MARK.insertion),
  reviewMark(MARK.deletion),
]
