import { describe, expect, it } from 'vitest'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from '../formats/published-text/import'
import { BLANK_PROJECT, buildDocument, buildProject } from '../model/build-document'
import type { NodeJSON } from '../model/node-json'
import { MARK, NODE } from './node-names'
import { documentSchema } from './schema'

const check = (json: NodeJSON) => documentSchema.nodeFromJSON(json).check()
const sampleJSON = () => buildDocument(parsePublishedText(sampleText()))
const firstIndicator = (doc: NodeJSON) => doc.content![2]!.content![0]!.content!.at(-1)!.content![0]!

describe('document schema', () => {
  it('accepts the imported sample and a blank project', () => {
    expect(() => check(sampleJSON())).not.toThrow()
    const doc = sampleJSON()
    doc.content![2]!.content!.push(buildProject(BLANK_PROJECT))
    expect(() => check(doc)).not.toThrow()
  })

  it('makes an incomplete table unrepresentable: a field may be empty, never missing', () => {
    const doc = sampleJSON()
    doc.content![2]!.content![0]!.content!.splice(3, 1) // drop 项目编码
    expect(() => check(doc)).toThrow(RangeError)
    const emptied = sampleJSON()
    delete emptied.content![2]!.content![0]!.content![3]!.content
    expect(() => check(emptied)).not.toThrow()
  })

  it('restricts 一级/二级 to the taxonomy', () => {
    const doc = sampleJSON()
    firstIndicator(doc).attrs!.level2 = '随便指标'
    expect(() => check(doc)).toThrow(/level2/)
    firstIndicator(doc).attrs!.level2 = ''
    expect(() => check(doc)).not.toThrow()
  })

  it('allows suggestion marks in every field and a suggestion on every row', () => {
    const doc = sampleJSON()
    const info = { id: '0b6c7b0e-5f9a-4a53-8f0e-2f0c2f4b9a11', author: 'reviewer', time: 1 }
    const value = firstIndicator(doc).content![2]!
    value.content = [
      { type: NODE.text, text: '≥90%', marks: [{ type: MARK.deletion, attrs: info }] },
      { type: NODE.text, text: '≥95%', marks: [{ type: MARK.insertion, attrs: info }] },
    ]
    firstIndicator(doc).attrs!.suggestion = { kind: 'insert', ...info }
    doc.content![1]!.content![0]!.content![0]!.attrs = { suggestion: { kind: 'delete', ...info } }
    expect(() => check(doc)).not.toThrow()
    firstIndicator(doc).attrs!.suggestion = { kind: 'move', ...info }
    expect(() => check(doc)).toThrow(/suggestion/)
  })
})
