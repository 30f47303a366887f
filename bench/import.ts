/**
 * `npm run bench -- import`: published-text import of the sample and of a
 * generated 200-project document (same layout). Compared with the floor —
 * JSON.parse of the same model already serialised — and shown with the
 * whole creation path (import + schema JSON + Y.Doc). Aim: 200 projects in
 * under 100 ms.
 */
import { inChild } from './support/child'
import { mib, ms, ratio, table } from './support/stats'

interface CaseResult {
  input: string
  subject: string
  bytes: number
  medianMs: number
  peakRssGrowth: number
}

export async function run(): Promise<void> {
  const rows: (string | number)[][] = [['input', 'size', 'import (ours)', 'import + Y.Doc', 'JSON.parse floor', 'ours / floor', 'peak RSS growth (ours)']]
  for (const input of ['sample', 'generated200']) {
    const results: CaseResult[] = []
    for (const subject of ['ours', 'ours+ydoc', 'json-floor']) {
      results.push(await inChild<CaseResult>(new URL('./import-case.ts', import.meta.url), [input, subject]))
    }
    const [a, b, c] = results as [CaseResult, CaseResult, CaseResult]
    rows.push([input, `${(a.bytes / 1024).toFixed(0)} KiB`, ms(a.medianMs), ms(b.medianMs), ms(c.medianMs), ratio(a.medianMs, c.medianMs), mib(Math.max(0, a.peakRssGrowth))])
  }
  console.log(table(rows))
  console.log('medians of 30 runs after 5 warm-up runs, each case in a fresh process; aim: generated200 import < 100 ms')
}
