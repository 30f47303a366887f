/**
 * Hundreds of random mutations of the sample — lines dropped, duplicated,
 * swapped, truncated, bytes flipped — must each give a valid document or a
 * typed ImportError: never another exception, never an invalid document.
 */
import { describe, expect, it } from 'vitest'
import { ImportError } from '@shared/formats/import-error'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { importPublishedText } from '@shared/formats/published-text/import'
import { buildDocument } from '@shared/model/build-document'
import { deriveModel } from '@shared/model/derive-model'
import { documentSchema } from '@shared/schema/schema'
import { makeRandom, type Random } from '../support/random'
import { sampleBytes, sampleText } from '../support/sample'

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 400)

function mutateLines(random: Random, lines: string[]): string[] {
  const out = [...lines]
  const at = () => random.int(out.length)
  for (let n = 1 + random.int(4); n > 0; n--) {
    switch (random.int(5)) {
      case 0: out.splice(at(), 1 + random.int(3)); break
      case 1: { const i = at(); out.splice(i, 0, ...out.slice(i, i + 1 + random.int(8))); break }
      case 2: { const i = at(), j = at(); [out[i], out[j]] = [out[j]!, out[i]!]; break }
      case 3: out.length = at(); break
      case 4: { const i = at(); out[i] = out[i]!.slice(0, random.int(out[i]!.length + 1)); break }
    }
  }
  return out
}

function flipBytes(random: Random, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice()
  for (let n = 1 + random.int(6); n > 0; n--) out[random.int(out.length)] = random.int(256)
  return out
}

describe('import fuzz', () => {
  it(`${ITERATIONS} mutations of the sample: a document or an ImportError`, () => {
    const lines = sampleText().split('\n')
    const outcomes = { ok: 0, error: 0 }
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const random = makeRandom(seed)
      const bytes = random.chance(0.3)
        ? flipBytes(random, sampleBytes())
        : new TextEncoder().encode(mutateLines(random, lines).join('\n'))
      let result: ReturnType<typeof importPublishedText>
      try {
        result = importPublishedText(bytes)
      } catch (error) {
        throw new Error(`seed ${seed}: importer threw ${String(error)}`)
      }
      if (result.ok) {
        outcomes.ok++
        const json = buildDocument(result.value)
        documentSchema.nodeFromJSON(json).check()
        deriveModel(json)
        exportPublishedText(result.value)
      } else {
        outcomes.error++
        expect(result.error, `seed ${seed}`).toBeInstanceOf(ImportError)
        expect(result.error.message).toMatch(/[\u4e00-\u9fff]/)
      }
    }
    // Both outcomes must occur, or the mutations are too weak or too strong to test anything.
    expect(outcomes.ok).toBeGreaterThan(ITERATIONS / 20)
    expect(outcomes.error).toBeGreaterThan(ITERATIONS / 20)
  })
})
