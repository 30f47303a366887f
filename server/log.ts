/**
 * Structured log lines on stderr: one JSON object per event, so that
 * operators can grep and ship them. Tests silence it with `setLogSink`.
 */
export type LogLevel = 'info' | 'warn' | 'error'

type Sink = (line: string) => void
let sink: Sink = (line) => process.stderr.write(`${line}\n`)

export function setLogSink(next: Sink): void {
  sink = next
}

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }))
}
