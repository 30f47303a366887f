import { describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from '@shared/schema/schema'
import { readOnlyReason, type EditFacts } from './editability'

const facts = (change: Partial<EditFacts>): EditFacts => ({ denied: null, refusal: null, schemaVersion: SCHEMA_VERSION, role: 'editor', status: '编制中', ...change })

describe('readOnlyReason', () => {
  it('lets staff edit while the document is theirs, reviewers suggest until approval', () => {
    expect(readOnlyReason(facts({}))).toBe('')
    expect(readOnlyReason(facts({ status: '退回修改' }))).toBe('')
    expect(readOnlyReason(facts({ status: '已报送' }))).toContain('已报送')
    expect(readOnlyReason(facts({ role: 'reviewer', status: '审核中' }))).toBe('')
    expect(readOnlyReason(facts({ role: 'reviewer', status: '审核通过' }))).toContain('审核通过')
  })

  it('never tells a reviewer to wait for the finance bureau to return the document', () => {
    for (const status of ['编制中', '已报送', '审核中', '退回修改', '审核通过'] as const) {
      expect(readOnlyReason(facts({ role: 'reviewer', status }))).not.toContain('财政退回')
    }
  })

  it('never edits a document written by a newer schema, whatever the role', () => {
    for (const role of ['editor', 'reviewer'] as const) {
      expect(readOnlyReason(facts({ role, schemaVersion: SCHEMA_VERSION + 1 }))).toContain('刷新')
    }
  })

  it('viewers, refusals and denials are read-only with the reason', () => {
    expect(readOnlyReason(facts({ role: 'viewer' }))).toBe('您只有查看权限')
    expect(readOnlyReason(facts({ refusal: '审核人不能修改文字格式' }))).toContain('审核人不能修改文字格式')
    expect(readOnlyReason(facts({ denied: 'forbidden' }))).toBe('您没有权限访问此文档')
  })
})
