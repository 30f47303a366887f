import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../support/generate-document'
import { makeRandom } from '../../support/random'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from '../formats/published-text/import'
import { NODE } from '../schema/node-names'
import { documentSchema, SCHEMA_VERSION } from '../schema/schema'
import { buildDocument } from './build-document'
import { deriveModel, modelFromText } from './derive-model'
import { contentOf, createYDocument, modelOf, readContent, schemaVersionOf, yearOf } from './y-document'

const sampleJSON = () => buildDocument(parsePublishedText(sampleText()))
const normalised = (json: ReturnType<typeof buildDocument>) => documentSchema.nodeFromJSON(json).toJSON()

describe('Y.Doc layout', () => {
  it('holds the document in `content`, the schema version in `meta`', () => {
    const ydoc = createYDocument(sampleJSON())
    expect(normalised(readContent(ydoc))).toEqual(normalised(sampleJSON()))
    expect(schemaVersionOf(ydoc)).toBe(SCHEMA_VERSION)
    expect([...ydoc.share.keys()].sort()).toEqual(['content', 'meta'])
  })

  it('derives the same model from the Y.Doc as from the text', () => {
    const text = parsePublishedText(sampleText())
    expect(modelOf(createYDocument(buildDocument(text)))).toEqual(modelFromText(text))
  })

  it('reads the year off the title block alone as the model does, and none from an empty document', () => {
    const text = parsePublishedText(sampleText())
    expect(yearOf(createYDocument(buildDocument(text)))).toBe(2022)
    expect([yearOf(createYDocument(buildDocument({ ...text, subtitle: '（2031年度）' }))), modelFromText({ ...text, subtitle: '（2031年度）' }).year]).toEqual([2031, 2031])
    expect(yearOf(new Y.Doc())).toBeNull()
  })

  it('reading never writes: content the schema rejects stays in the Y.Doc', () => {
    const ydoc = createYDocument(sampleJSON())
    // A foreign element where the schema allows none, as a newer client might write.
    ydoc.transact(() => contentOf(ydoc).insert(1, [new Y.XmlElement('futureNode')]))
    const before = Y.encodeStateAsUpdate(ydoc)
    let writes = 0
    ydoc.on('update', () => writes++)
    const model = modelOf(ydoc)
    expect(writes).toBe(0)
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before)
    expect(model.projects).toHaveLength(11)
  })

  it('any grouping and order of the update log gives the same document', () => {
    const random = makeRandom(3)
    const origin = createYDocument(buildDocument(generateDocument(random, 3)))
    const log: Uint8Array[] = [Y.encodeStateAsUpdate(origin)]
    origin.on('update', (u: Uint8Array) => log.push(u))
    // Edit cell text in many small transactions, as typing does.
    const texts: Y.XmlText[] = []
    const collect = (el: Y.XmlElement | Y.XmlFragment) =>
      el.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : collect(c as Y.XmlElement)))
    collect(contentOf(origin))
    for (let i = 0; i < 200; i++) {
      const text = texts[random.int(texts.length)]!
      if (random.chance(0.3) && text.length > 0) text.delete(random.int(text.length), 1)
      else text.insert(random.int(text.length + 1), '改')
    }
    const expected = readContent(origin)

    for (let trial = 0; trial < 5; trial++) {
      const shuffled = [...log].sort(() => random.next() - 0.5)
      const replica = new Y.Doc()
      for (let i = 0; i < shuffled.length; ) {
        const size = 1 + random.int(20)
        Y.applyUpdate(replica, Y.mergeUpdates(shuffled.slice(i, i + size)))
        i += size
      }
      expect(readContent(replica), `trial ${trial}`).toEqual(expected)
    }
  })

  it('reads a damaged tree as empty fields instead of throwing', () => {
    const json = sampleJSON()
    const projects = json.content![2]!
    delete projects.content![0]!.content![3]!.content // project 1 code emptied
    projects.content![1]!.content!.splice(9, 1) // project 2 loses its spending plan node
    const model = deriveModel(json)
    expect(model.projects[0]!.code).toBe('')
    expect(model.projects[1]!.spendingPlan).toEqual([])
    expect(deriveModel({ type: NODE.doc })).toMatchObject({ title: '', projects: [] })
  })
})
