import { describe, expect, it } from 'vitest'
import { personName } from './person-name'

describe('personName', () => {
  it('is the 姓名 the server gave, the login until it is known, 系统 for the server', () => {
    expect(personName({ wangfang: '王芳' }, 'wangfang')).toBe('王芳')
    expect(personName({}, 'wangfang')).toBe('wangfang')
    expect(personName({ wangfang: '王芳' }, null)).toBe('系统')
  })
})
