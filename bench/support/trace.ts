/** The editing traces in bench/data: loading and replaying them. */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

export type Patch = [position: number, deleteCount: number, insert: string]

export interface Trace {
  startContent: string
  endContent: string
  txns: { patches: Patch[] }[]
}

export function loadTrace(name: string): Trace {
  const path = new URL(`../data/${name}.json.gz`, import.meta.url)
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as Trace
}

/** Something a trace can be typed into: one call per transaction. */
export interface TextTarget {
  applyTxn(patches: Patch[]): void
  toString(): string
}
