import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { metaOf } from '../model/y-document'
import { availableTransitions, checkTransition, mayEditDirectly, maySuggest, STATUS, statusOf } from './workflow'

describe('workflow', () => {
  it('starts in 编制中 and follows the allowed paths only', () => {
    const doc = new Y.Doc()
    expect(statusOf(doc)).toBe(STATUS.drafting)
    expect(checkTransition(STATUS.drafting, 'submit', 'editor')).toMatchObject({ ok: true, transition: { to: STATUS.submitted } })
    expect(checkTransition(STATUS.drafting, 'approve', 'reviewer')).toMatchObject({ ok: false, reason: expect.stringContaining('编制中') })
    expect(checkTransition(STATUS.submitted, 'start-review', 'editor')).toMatchObject({ ok: false, reason: expect.stringContaining('财政审核人') })
    expect(checkTransition(STATUS.reviewing, 'return', 'reviewer', { note: '预算数与明细不符，请核实' })).toMatchObject({ ok: true, transition: { to: STATUS.returned } })
    expect(checkTransition(STATUS.returned, 'submit', 'editor').ok).toBe(true)
    expect(checkTransition(STATUS.approved, 'submit', 'editor').ok).toBe(false)
    expect(checkTransition(STATUS.drafting, 'destroy', 'editor').ok).toBe(false)
    expect(availableTransitions(STATUS.submitted, 'editor').map((t) => t.label)).toEqual(['撤回报送'])
    expect(availableTransitions(STATUS.submitted, 'viewer')).toEqual([])
  })

  it('退回修改 needs a written 退回意见; 审核通过 over blockers needs a reason; approval can be revoked', () => {
    expect(checkTransition(STATUS.reviewing, 'return', 'reviewer')).toMatchObject({ ok: false, code: 'note-required' })
    expect(checkTransition(STATUS.reviewing, 'return', 'reviewer', { note: '  ' })).toMatchObject({ ok: false, code: 'note-required' })
    expect(checkTransition(STATUS.reviewing, 'approve', 'reviewer').ok).toBe(true)
    const blockers = ['还有 2 条批注未解决']
    expect(checkTransition(STATUS.reviewing, 'approve', 'reviewer', { blockers })).toMatchObject({ ok: false, code: 'conditions', blockers, reason: expect.stringContaining('2 条批注') })
    expect(checkTransition(STATUS.reviewing, 'approve', 'reviewer', { blockers, note: '批注均为提示，不影响审核结论' }).ok).toBe(true)
    // A reason that asks to resubmit contradicts the approval the department would read it with.
    expect(checkTransition(STATUS.reviewing, 'approve', 'reviewer', { blockers, note: '预算数计算有误，请修改完善后重新报送审核。' })).toMatchObject({ ok: false, code: 'note-sends-back' })
    // A reason too short is said to be too short, not asked for as if none had been written.
    expect(checkTransition(STATUS.reviewing, 'approve', 'reviewer', { blockers, note: '同意' })).toMatchObject({ ok: false, code: 'conditions', reason: expect.stringContaining('已写的“同意”不足 4 个字') })
    expect(checkTransition(STATUS.approved, 'revoke-approval', 'reviewer')).toMatchObject({ ok: true, transition: { to: STATUS.reviewing } })
    expect(checkTransition(STATUS.approved, 'revoke-approval', 'editor').ok).toBe(false)
  })

  it('says who may change the document in each state', () => {
    expect([STATUS.drafting, STATUS.submitted, STATUS.reviewing, STATUS.returned, STATUS.approved].map(mayEditDirectly)).toEqual([true, false, false, true, false])
    expect(maySuggest(STATUS.reviewing)).toBe(true)
    expect(maySuggest(STATUS.approved)).toBe(false)
  })

  it('reads the status record from meta, ignoring anything that is not a status', () => {
    const doc = new Y.Doc()
    metaOf(doc).set('status', { value: STATUS.reviewing, by: 'wangfang', at: 1 })
    expect(statusOf(doc)).toBe(STATUS.reviewing)
    metaOf(doc).set('status', { value: '随便', by: 'x', at: 1 })
    expect(statusOf(doc)).toBe(STATUS.drafting)
  })
})
