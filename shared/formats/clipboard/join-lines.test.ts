import { describe, expect, it } from 'vitest'
import { joinLines } from './join-lines'

describe('joinLines', () => {
  it('joins Chinese lines directly, other text with a space, and drops empty lines', () => {
    expect(joinLines('开展扫黑除恶\r\n宣传活动\n\n不少于10次')).toBe('开展扫黑除恶宣传活动不少于10次')
    expect(joinLines('first line\nsecond line')).toBe('first line second line')
    expect(joinLines('≥90%\n达标')).toBe('≥90%达标')
  })

  it('makes tabs and runs of spaces one space and trims', () => {
    expect(joinLines('  a\t\tb   c \n')).toBe('a b c')
    expect(joinLines('\n\n')).toBe('')
  })
})
