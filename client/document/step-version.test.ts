import { describe, expect, it } from 'vitest'
import type { VersionRecord } from '@shared/history/version-record'
import { missesStepVersion, rereadAfter } from './step-version'

const version = (status: string, createdAt: number): VersionRecord => ({ id: createdAt, name: `${status}（王芳）`, status, byUser: 'wangfang', createdAt, note: '' })
const submitted = version('已报送', 1_000)

describe('missesStepVersion', () => {
  it('misses the version while the list read holds only older steps', () => {
    expect(missesStepVersion([submitted, version('审核中', 2_000)], { value: '退回修改', by: 'wangfang', at: 3_000 })).toBe(true)
  })

  it('is content once the step’s version is there, or a later one with its status', () => {
    const returned = { value: '退回修改', by: 'wangfang', at: 3_000 } as const
    expect(missesStepVersion([submitted, version('退回修改', 3_000)], returned)).toBe(false)
    expect(missesStepVersion([submitted, version('退回修改', 3_500)], returned)).toBe(false)
  })

  it('expects nothing of a document no step has touched', () => {
    expect(missesStepVersion([], null)).toBe(false)
    expect(missesStepVersion([], { value: '编制中', by: '', at: 0 })).toBe(false)
  })
})

describe('rereadAfter', () => {
  it('waits longer each time and gives up after about six seconds', () => {
    const waits = Array.from({ length: 8 }, (_, i) => rereadAfter(i))
    expect(waits.slice(0, 6)).toEqual([100, 200, 400, 800, 1600, 3200])
    expect(waits.slice(6)).toEqual([null, null])
  })
})
