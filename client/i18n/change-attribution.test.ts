import { describe, expect, it } from 'vitest'
import { changeAttribution } from './change-attribution'

describe('changeAttribution', () => {
  const people = { zhang: '张伟', wang: '王芳' }
  const now = Date.UTC(2026, 5, 1, 8)
  it('names who changed a field, by 姓名', () => {
    expect(changeAttribution(people, { by: 'zhang', at: now - 5_000 }, now)).toBe('张伟 · 刚刚')
  })
  it('names an accepted suggestion’s author first, then who accepted it', () => {
    expect(changeAttribution(people, { by: 'zhang', at: now - 5_000, suggestedBy: 'wang' }, now)).toBe('王芳建议 · 张伟接受 · 刚刚')
  })
})
