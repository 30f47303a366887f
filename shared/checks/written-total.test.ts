import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readSelfEvaluation } from '../formats/self-evaluation/read-self-evaluation'
import { withWrittenTotalSaid } from './written-total'

const SICHUAN = readFileSync(new URL('../../test/fixtures/formats/regional/sichuan-zhongjiang-shuibiaochi-zipingbiao-2022.txt', import.meta.url), 'utf8')

describe('a 自评表’s written 总分, which the document does not keep', () => {
  it('is said with what the import could not read when its rows’ 得分 add up to another', () => {
    // Its 总分 row says 100; its rows' 得分 and the 执行率's 10 add up to 110.
    const text = readSelfEvaluation(SICHUAN)
    expect(text.projects[0]!.total).toBe('100')
    const said = withWrittenTotalSaid(text)
    expect(said.unread).toEqual([...text.unread!, expect.stringMatching(/^总分填写为 100 分，但.*合计为 110 分.*文件写的总分未导入，文档按各项得分计算总分/)])
  })

  it('says nothing when they agree, nor for a file with no 总分 or of another kind', () => {
    const text = readSelfEvaluation(SICHUAN)
    const agreeing = { ...text, projects: [{ ...text.projects[0]!, total: '110' }] }
    expect(withWrittenTotalSaid(agreeing)).toBe(agreeing)
    const none = { ...text, projects: [{ ...text.projects[0]!, total: '' }] }
    expect(withWrittenTotalSaid(none)).toBe(none)
    const targets = { ...text, kind: undefined }
    expect(withWrittenTotalSaid(targets)).toBe(targets)
  })
})
