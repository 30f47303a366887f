import { describe, expect, it } from 'vitest'
import type { ActivityEntry } from './activity'
import { returnStepVersion } from './return-step'
import type { VersionRecord } from './version-record'

const version = (id: number, name: string, status: string, createdAt: number): VersionRecord => ({ id, name, status, byUser: 'x', createdAt, note: '' })
const step = (at: number, to: string, versionId?: number): ActivityEntry => ({ at, by: 'wang', event: { kind: 'workflow', action: to, from: '审核中', to, ...(versionId !== undefined ? { versionId } : {}) } })

describe('the version a 退回 step kept', () => {
  const versions = [
    version(1, '报送（张伟）', '已报送', 100),
    version(2, '退回修改（王芳）', '退回修改', 200),
    version(3, '改了一半（李娜）', '退回修改', 300),
    version(4, '自动保存', '退回修改', 400),
    version(5, '恢复到「报送（张伟）」（李娜）', '退回修改', 500),
  ]

  it('is the step’s own, not a later version taken while the document was returned', () => {
    expect(returnStepVersion([step(100, '已报送', 1), step(200, '退回修改', 2)], versions, '退回修改')?.id).toBe(2)
  })

  it('is found by its moment for steps recorded before they named their version', () => {
    expect(returnStepVersion([step(200, '退回修改')], versions, '退回修改')?.id).toBe(2)
  })

  it('is the latest return’s, and none for a document never returned', () => {
    const again = [...versions, version(6, '退回修改（王芳）', '退回修改', 600)]
    expect(returnStepVersion([step(200, '退回修改', 2), step(600, '退回修改', 6)], again, '退回修改')?.id).toBe(6)
    expect(returnStepVersion([step(100, '已报送', 1)], versions, '退回修改')).toBeUndefined()
  })
})
