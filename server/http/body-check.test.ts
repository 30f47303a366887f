import { describe, expect, it } from 'vitest'
import { arrayOf, integer, nullable, object, optional, text } from './body-check'
import { REQUEST_BODIES } from './request-bodies'

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return { path: (error as { path: string }).path, message: (error as Error).message }
  }
  throw new Error('not refused')
}

describe('request body checks', () => {
  it('name the path of what is wrong, nested included', () => {
    const check = object({ project: optional(object({ code: text({ max: 3 }) })), ids: optional(arrayOf(integer())) })
    expect(refusal(() => check({ project: { code: 12 } }, ''))).toEqual({ path: 'project.code', message: 'project.code：必须是文字' })
    expect(refusal(() => check({ project: { code: '1234' } }, ''))).toEqual({ path: 'project.code', message: 'project.code：不能超过 3 个字' })
    expect(refusal(() => check({ ids: [1, 'x'] }, ''))).toEqual({ path: 'ids.1', message: 'ids.1：必须是整数' })
    expect(refusal(() => check('nope', ''))).toEqual({ path: '', message: '请求内容：必须是对象' })
  })

  it('return the value typed and trimmed, optional and null kept apart', () => {
    const check = object({ title: optional(text()), date: nullable(text()) })
    expect(check({ title: '  标题 ', date: null, other: 1 }, '')).toEqual({ title: '标题', date: null })
    expect(refusal(() => check({}, ''))).toEqual({ path: 'date', message: 'date：必须是文字' })
  })

  it('each route’s check keeps the message people have been reading', () => {
    expect(refusal(() => REQUEST_BODIES['POST /api/docs']({ year: 1999 }, ''))).toEqual({ path: 'year', message: '年度必须是 2000 到 2100 之间的整数' })
    expect(refusal(() => REQUEST_BODIES['POST /api/me/password']({ current: 'a', next: 'short' }, ''))).toEqual({ path: 'next', message: '新密码至少 8 位' })
    expect(refusal(() => REQUEST_BODIES['PUT /api/docs/:id/members/:name']({ role: 'owner' }, ''))).toMatchObject({ path: 'role' })
    expect(REQUEST_BODIES['POST /api/docs/:id/workflow']({ action: 'return', note: '  请细化  ' }, '')).toEqual({ action: 'return', note: '请细化' })
    expect(refusal(() => REQUEST_BODIES['POST /api/docs/:id/workflow']({ action: 'return', note: 'x'.repeat(20_001) }, ''))).toMatchObject({ path: 'note' })
  })
})
