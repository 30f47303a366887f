import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { META_KEY, metaOf } from '../model/y-document'
import { asOfChangeRefusal, isAsOf } from './as-of-rule'

/** The rule's answer for `change` made on a document of `kind`, judged from its meta events as the update policy does. */
function judged(kind: string | null, change: (meta: Y.Map<unknown>) => void): string | null {
  const doc = new Y.Doc()
  if (kind) metaOf(doc).set(META_KEY.kind, kind)
  metaOf(doc).set(META_KEY.asOf, '6月')
  let answer: string | null | undefined
  metaOf(doc).observeDeep((events) => (answer = asOfChangeRefusal(events, doc)))
  doc.transact(() => change(metaOf(doc)))
  return answer ?? null
}

describe('a 监控’s 截至月份 as the one meta entry a person sets', () => {
  it('allows setting it to a month in a 监控', () => {
    expect(judged('monitoring', (m) => m.set(META_KEY.asOf, '10月'))).toBeNull()
    expect(judged('monitoring', (m) => m.set(META_KEY.asOf, '2026年1-9月'))).toBeNull()
  })

  it('refuses another key, a non-month, an overlong value, and any kind but a 监控', () => {
    expect(judged('monitoring', (m) => m.set('status', { value: '审核通过' }))).toMatch(/只能由服务器修改/)
    expect(judged('monitoring', (m) => { m.set(META_KEY.asOf, '9月'); m.set(META_KEY.kind, 'targets') })).toMatch(/只能由服务器修改/)
    expect(judged('monitoring', (m) => m.set(META_KEY.asOf, '下个月'))).toMatch(/截至月份应写作某月/)
    expect(judged('monitoring', (m) => m.set(META_KEY.asOf, 13))).toMatch(/截至月份应写作某月/)
    expect(judged('monitoring', (m) => m.delete(META_KEY.asOf))).toMatch(/截至月份应写作某月/)
    expect(judged('self-evaluation', (m) => m.set(META_KEY.asOf, '9月'))).toBe('只有运行监控有截至月份')
    expect(judged(null, (m) => m.set(META_KEY.asOf, '9月'))).toBe('只有运行监控有截至月份')
    expect(isAsOf(`${'一'.repeat(20)}6月`)).toBe(false)
    expect(isAsOf('13月')).toBe(false)
  })
})
