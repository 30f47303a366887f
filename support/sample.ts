/** The real document used as fixture and demo (a copy of the team kit's sample). */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const SAMPLE_PATH = fileURLToPath(new URL('../server/demo/zhengfawei-2022.txt', import.meta.url))

export const sampleBytes = (): Uint8Array => readFileSync(SAMPLE_PATH)
export const sampleText = (): string => readFileSync(SAMPLE_PATH, 'utf8')
