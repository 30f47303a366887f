import { describe, expect, it } from 'vitest'
import { relativeTime } from './relative-time'

describe('relativeTime', () => {
  const now = new Date(2026, 10, 28, 15, 30).getTime()
  it('reads as people say it', () => {
    expect(relativeTime(now - 20_000, now)).toBe('刚刚')
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 分钟前')
    expect(relativeTime(now - 3 * 3600_000, now)).toBe('3 小时前')
    expect(relativeTime(new Date(2026, 10, 27, 14, 5).getTime(), now)).toBe('昨天 14:05')
    expect(relativeTime(new Date(2026, 9, 3, 9, 0).getTime(), now)).toBe('10月3日 09:00')
    expect(relativeTime(new Date(2025, 0, 2, 9, 0).getTime(), now)).toBe('2025年1月2日 09:00')
  })
})
