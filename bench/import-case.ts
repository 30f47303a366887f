/**
 * One case of the import benchmark, run in its own process:
 * `import-case.ts sample|generated200 ours|json-floor`.
 * Prints median time over runs and the peak RSS growth during them.
 */
import { readFileSync } from 'node:fs'
import { importPublishedText } from '@shared/formats/published-text/import'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { modelFromText } from '@shared/model/derive-model'
import { buildDocument } from '@shared/model/build-document'
import { createYDocument } from '@shared/model/y-document'
import { generateDocument } from '../support/generate-document'
import { makeRandom } from '../support/random'
import { childArgs, report } from './support/child'
import { median } from './support/stats'

const [input, subject] = childArgs() as ['sample' | 'generated200', 'ours' | 'ours+ydoc' | 'json-floor']
const text =
  input === 'sample'
    ? readFileSync(new URL('../server/demo/zhengfawei-2022.txt', import.meta.url), 'utf8')
    : exportPublishedText(generateDocument(makeRandom(200), 200))
const bytes = new TextEncoder().encode(text)
// The floor: the same model already serialised, parsed by the engine's own JSON parser.
const modelJson = JSON.stringify(modelFromText((importPublishedText(bytes) as { ok: true; value: never }).value))

const work = {
  ours: () => importPublishedText(bytes),
  'ours+ydoc': () => {
    const result = importPublishedText(bytes)
    if (result.ok) createYDocument(buildDocument(result.value))
  },
  'json-floor': () => JSON.parse(modelJson),
}[subject]

for (let i = 0; i < 5; i++) work() // warm up
globalThis.gc?.()
const rssBefore = process.memoryUsage().rss
const times: number[] = []
for (let i = 0; i < 30; i++) {
  const start = performance.now()
  work()
  times.push(performance.now() - start)
}
report({ input, subject, bytes: bytes.length, medianMs: median(times), peakRssGrowth: process.resourceUsage().maxRSS * 1024 - rssBefore })
