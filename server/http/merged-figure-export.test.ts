/**
 * A figure two people typed at once — one of them offline — merges into one
 * nobody wrote. The editor outlines it and the checks flag it; a downloaded
 * file must say so too, in every format, clean or with tracked changes.
 */
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { MERGED_FIGURE_MARK } from '@shared/formats/merged-figure-marks'
import { importFile } from '@shared/formats/registry'
import { ENTERED } from '@shared/schema/figure-cells'
import { at, writeAt } from '../../support/document-place'
import { DOC_ID, startTestServer, synced, until, type TestServer } from '../../support/test-server'
import { loginAt } from '../../test/support/http-session'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const BUDGET = { project: 0, field: 'budgetTotal' } as const

/** Types `figure` over the first project's 预算数 as the editor does: the text, and the record of what was typed, in one change. */
const typeFigure = (ydoc: Y.Doc, figure: string) =>
  ydoc.transact(() => {
    writeAt(ydoc, BUDGET, figure)
    at(ydoc, BUDGET).setAttribute(ENTERED, figure)
  })

describe('a merged figure in an export', () => {
  it('is followed by the mark in the txt, Word, Excel and web page files, clean and tracked; once retyped it is not', async () => {
    t = await startTestServer()
    const [zhang, li] = [await t.client('zhang', 'editor'), await t.client('li', 'editor')]
    await Promise.all([synced(zhang), synced(li)])
    li.disconnect()
    typeFigure(li.doc, '6.00')
    typeFigure(zhang.doc, '7.00')
    li.connect()
    const budget = (ydoc: Y.Doc) => at(ydoc, BUDGET).toArray().map(String).join('')
    await until(() => budget(li.doc).length === 8 && budget(zhang.doc) === budget(li.doc), 'the offline figure merged')
    const merged = budget(zhang.doc)
    expect(['6.007.00', '7.006.00']).toContain(merged)

    const session = await loginAt(t.server.url, 'zhang')
    const exported = async (query: string) => {
      const response = await fetch(`${t.server.url}/api/docs/${DOC_ID}/export?${query}`, { headers: { Cookie: session.cookie } })
      expect(response.status).toBe(200)
      return Buffer.from(await response.arrayBuffer())
    }
    await until(async () => (await exported('format=txt')).toString().includes(`${merged}${MERGED_FIGURE_MARK}`), 'the mark in the txt export')
    // Word and Excel keep their text in zipped XML: read back by the app's own importers.
    for (const query of ['format=docx', 'format=docx&suggestions=tracked', 'format=xlsx', 'format=html']) {
      const read = await importFile(new Uint8Array(await exported(query)))
      expect(read.ok && read.value.projects[0]!.budgetTotal, query).toBe(`${merged}${MERGED_FIGURE_MARK}`)
    }

    typeFigure(zhang.doc, '7.00')
    await until(async () => !(await exported('format=txt')).toString().includes(MERGED_FIGURE_MARK), 'the mark gone once the figure is typed again')
  })
})
