import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { sampleText } from '../../../support/sample'
import { draftOpinion } from '../../checks/review-opinion'
import { opinionBlocks } from '../../checks/opinion-text'
import { runChecks } from '../../checks/run-checks'
import { modelFromText } from '../../model/derive-model'
import { parsePublishedText } from '../published-text/import'
import { exportOpinionDocx } from './opinion-export'

async function documentXml(): Promise<string> {
  const text = parsePublishedText(sampleText())
  const bytes = await exportOpinionDocx(opinionBlocks(draftOpinion(modelFromText(text), runChecks(text), { date: '2022-03-01' })))
  return new TextDecoder().decode(unzipSync(bytes)['word/document.xml']!)
}

/** The paragraphs' text, in order. */
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))

describe('the Word 审核意见书', () => {
  it('lays the opinion out on the 公文 page: title, addressee, sections, the seal’s place, 审核单位 and date', async () => {
    const xml = await documentXml()
    const texts = paragraphs(xml)
    expect(texts[0]).toBe('关于政法委部门2022年度部门预算绩效目标的审核意见')
    expect(texts[1]).toBe('政法委部门：')
    for (const heading of ['一、总体意见', '二、各项目审核意见', '三、审核结论及有关要求']) expect(texts).toContain(heading)
    const signature = texts.indexOf('山海关区财政局（盖章）')
    expect(texts.slice(signature - 3, signature)).toEqual(['', '', ''])
    expect(texts[signature + 1]).toBe('2022年3月1日')
    // A4, 公文 margins (37 mm top, 28 mm left), 仿宋 body and 小标宋 title, 28-point lines.
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/)
    expect(xml).toMatch(/w:top="2098"[^>]*w:left="1588"|w:left="1588"[^>]*w:top="2098"/)
    expect(xml).toContain('仿宋_GB2312')
    expect(xml).toContain('方正小标宋简体')
    expect(xml).toContain('w:line="560"')
  })
})
