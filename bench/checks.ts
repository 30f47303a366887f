/**
 * `npm run bench -- checks`: the finance checks on a generated 200-project
 * document — a full run, and the incremental re-check after one keystroke
 * in one table (what the editor does as people type). Compared with the
 * floor of touching every table at all (deriving the model). Aim: full
 * < 50 ms, incremental < 5 ms.
 */
import { IncrementalChecks, runChecks } from '@shared/checks/run-checks'
import { modelFromText } from '@shared/model/derive-model'
import { generateDocument } from '../support/generate-document'
import { makeRandom } from '../support/random'
import { median, ms, ratio, table } from './support/stats'

const RUNS = 50

function time(work: () => void): number {
  const times: number[] = []
  for (let i = 0; i < 5; i++) work()
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    work()
    times.push(performance.now() - start)
  }
  return median(times)
}

export async function run(): Promise<void> {
  const text = generateDocument(makeRandom(200), 200)
  const model = modelFromText(text)
  const full = time(() => runChecks(text))
  const derive = time(() => modelFromText(text))

  const checks = new IncrementalChecks()
  checks.update(text, model, 'all')
  let keystroke = 0
  const incremental = time(() => {
    // One keystroke in table 100's first indicator value: re-derive that table only, re-check it.
    const project = text.projects[100]!
    project.indicators[0]!.value = `≥${90 + (keystroke++ % 10)}%`
    model.projects[100] = modelFromText({ ...text, projects: [project] }).projects[0]!
    checks.update(text, model, new Set([100]))
  })
  const findings = runChecks(text).length

  console.log(
    table([
      ['measurement', 'median', 'floor: derive the model', 'ratio'],
      ['full check, 200 projects', ms(full), ms(derive), ratio(full, derive)],
      ['incremental re-check after one keystroke', ms(incremental), ms(derive), ratio(incremental, derive)],
    ]),
  )
  console.log(`${findings} findings; medians of ${RUNS} runs after 5 warm-up runs; aim: full < 50 ms, incremental < 5 ms`)
}
