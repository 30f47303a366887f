import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../../support/generate-document'
import { makeRandom } from '../../../support/random'
import { sampleText } from '../../../support/sample'
import { buildDocument } from '../../model/build-document'
import { readDocument } from '../../model/read-document'
import { documentSchema } from '../../schema/schema'
import { exportPublishedText } from './export'
import { parsePublishedText } from './import'

/**
 * The whitespace normalisation under which export(import(file)) equals the
 * file. Outside table cells, line breaks, blank lines and surrounding spaces
 * are the page layout's, not the author's: running text is compared as one
 * string. Table cells (tab-prefixed lines) are compared one by one, trimmed.
 */
function normalisePublishedText(text: string): string[] {
  const items: string[] = []
  let running = ''
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const cell = raw.startsWith('\t')
    const content = (cell ? raw.slice(1) : raw).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
    if (cell) {
      if (running) items.push(running)
      running = ''
      items.push(`\t${content}`)
    } else {
      running += content
    }
  }
  if (running) items.push(running)
  return items
}

const normalisedJSON = (json: ReturnType<typeof buildDocument>) => documentSchema.nodeFromJSON(json).toJSON()

describe('published text round trips', () => {
  it('export(import(sample)) equals the sample, whitespace normalised', () => {
    const exported = exportPublishedText(parsePublishedText(sampleText()))
    expect(normalisePublishedText(exported)).toEqual(normalisePublishedText(sampleText()))
  })

  it('import(export(doc)) equals doc for the sample', () => {
    const doc = parsePublishedText(sampleText())
    expect(parsePublishedText(exportPublishedText(doc))).toEqual(doc)
    const json = buildDocument(doc)
    expect(normalisedJSON(buildDocument(parsePublishedText(exportPublishedText(readDocument(json)))))).toEqual(normalisedJSON(json))
  })

  it('import(export(doc)) equals doc for generated documents', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const doc = generateDocument(makeRandom(seed), 1 + (seed % 7))
      const json = buildDocument(doc)
      const again = buildDocument(parsePublishedText(exportPublishedText(readDocument(json))))
      expect(normalisedJSON(again), `seed ${seed}`).toEqual(normalisedJSON(json))
    }
  })

  it('keeps non-standard 一级/二级 labels through the document and back', () => {
    const doc = generateDocument(makeRandom(7), 1)
    doc.projects[0]!.indicators = [
      { level1: '产出指标', level2: '进度指标', level3: '完成及时率', description: '', value: '100%', basis: '' },
      { level1: '效益指标', level2: '其他指标', level3: '影响', description: '', value: '好', basis: '' },
    ]
    const json = buildDocument(doc)
    expect(json.content![2]!.content![0]!.content!.at(-1)!.content!.map((i) => i.attrs)).toEqual([
      { level1: '产出指标', level1Label: null, level2: '时效指标', level2Label: '进度指标' },
      { level1: '效益指标', level1Label: null, level2: '', level2Label: '其他指标' },
    ])
    expect(readDocument(json)).toEqual(doc)
    expect(parsePublishedText(exportPublishedText(doc))).toEqual(doc)
  })
})
