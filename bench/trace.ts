/**
 * `npm run bench -- trace`: the automerge-paper trace (259,778 edits)
 * replayed into a paragraph of our document and into a bare Y.Text, in the
 * same run, alternating, each replay in a fresh process. Aim: ours within
 * 1.2× of bare Yjs — the schema around the text should cost nothing.
 */
import { inChild } from './support/child'
import { kib, median, ms, ratio, table } from './support/stats'

interface CaseResult {
  subject: 'ours' | 'bare'
  ms: number
  encoded: number
  baseSize: number
  edits: number
}

const ROUNDS = Number(process.env.TRACE_ROUNDS ?? 3)

export async function run(): Promise<void> {
  const results: CaseResult[] = []
  for (let i = 0; i < ROUNDS; i++) {
    for (const subject of i % 2 ? ['bare', 'ours'] : ['ours', 'bare']) {
      results.push(await inChild<CaseResult>(new URL('./trace-case.ts', import.meta.url), [subject]))
    }
  }
  const of = (s: string) => results.filter((r) => r.subject === s)
  const ours = of('ours')
  const bare = of('bare')
  const oursMs = median(ours.map((r) => r.ms))
  const bareMs = median(bare.map((r) => r.ms))
  console.log(
    table([
      ['', 'replay (median)', 'runs', 'encoded doc', 'encoded minus document around it'],
      ['ours (goal item in sample doc)', ms(oursMs), ours.map((r) => r.ms.toFixed(0)).join(' / '), kib(ours[0]!.encoded), kib(ours[0]!.encoded - ours[0]!.baseSize)],
      ['bare Y.Text', ms(bareMs), bare.map((r) => r.ms.toFixed(0)).join(' / '), kib(bare[0]!.encoded), kib(bare[0]!.encoded)],
    ]),
  )
  console.log(`ours / bare: ${ratio(oursMs, bareMs)} over ${ours[0]!.edits} transactions (aim ≤ 1.20×)`)
}
