import { describe, expect, it } from 'vitest'
import { peopleOf } from './presence'

const state = (name: string, color: string) => ({ user: { name, color }, cursor: null })

describe('who is present', () => {
  it('shows a person once, whatever number of connections name them; two accounts of one name are two', () => {
    const states: [number, unknown][] = [
      [11, state('李娜', '#c33')],
      [12, state('王芳', '#36c')],
      // 李娜 again: a second tab, or her reconnection while the server still holds her old socket.
      [13, state('李娜', '#c33')],
      [14, state('李娜', '#393')],
      [15, {}],
    ]
    expect(peopleOf(states).map((p) => [p.clientId, p.name, p.color])).toEqual([
      [11, '李娜', '#c33'],
      [12, '王芳', '#36c'],
      [14, '李娜', '#393'],
    ])
  })
})
