import { describe, expect, it } from 'vitest'
import { mentionPrefix } from './mention-prefix'

describe('mentionPrefix', () => {
  it('is the partial name after a trailing @, and nothing once the name is done', () => {
    expect(mentionPrefix('请 @王')).toBe('王')
    expect(mentionPrefix('请 @')).toBe('')
    expect(mentionPrefix('请 @王芳 核实')).toBeNull()
    expect(mentionPrefix('没有提到谁')).toBeNull()
  })
})
