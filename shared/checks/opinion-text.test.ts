import { describe, expect, it } from 'vitest'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from '../formats/published-text/import'
import { modelFromText } from '../model/derive-model'
import { blocksFromText, opinionBlocks, opinionText } from './opinion-text'
import { draftOpinion } from './review-opinion'
import { runChecks } from './run-checks'

const text = parsePublishedText(sampleText())
const opinion = draftOpinion(modelFromText(text), runChecks(text), { date: '2022-03-01' })

describe('the opinion as text', () => {
  it('reads back into the blocks it was laid out from', () => {
    expect(blocksFromText(opinionText(opinion))).toEqual(opinionBlocks(opinion))
  })

  it('reads the reviewer’s edits: a sentence added, a change deleted, a line typed with spaces', () => {
    const edited = opinionText(opinion)
      .replace('　　二、各项目审核意见', '　　另：请补充项目 3 的车辆台数。\n　　二、各项目审核意见')
      .replace(/\n　　　　2\. 第 1 行：“宣传[^\n]*/, '')
      .replace('　　三、审核结论及有关要求', '    三、审核结论及有关要求')
    const blocks = blocksFromText(edited)
    expect(blocks).toContainEqual({ kind: 'paragraph', text: '另：请补充项目 3 的车辆台数。' })
    expect(blocks).toContainEqual({ kind: 'heading', text: '三、审核结论及有关要求' })
    expect(blocks.some((b) => b.text.includes('“宣传、活动开展次数”'))).toBe(false)
    expect(blocks.at(-2)).toEqual({ kind: 'signature', text: '山海关区财政局（盖章）' })
  })

  it('never throws on any text', () => {
    for (const any of ['', '\n\n', '：', '　　　　　　　　　　　　　　　　x', '（一）']) expect(() => blocksFromText(any)).not.toThrow()
  })
})
