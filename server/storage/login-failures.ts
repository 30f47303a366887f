/**
 * The port failed logins are counted through. Kept in the database every
 * instance shares, so a lock holds on every instance (a guesser spreading
 * attempts over instances behind a load balancer counts as one) and
 * outlives a restart. Only times are kept; what they mean is the
 * throttle's (`auth/login-throttle.ts`).
 * Adapters: memory (tests), SQLite (embedded default), PostgreSQL.
 */
export interface LoginFailureStore {
  /** Counts one failure against each key (an account, an address) at `at`; failures before `forgetBefore` are dropped. */
  record(keys: readonly string[], at: number, forgetBefore: number): Promise<void>
  /** Each key's failures since `since`, oldest first (keys with none are absent). */
  since(keys: readonly string[], since: number): Promise<Map<string, number[]>>
  /** Forgets a key's failures (a successful login clears its account's). */
  clear(key: string): Promise<void>
}

/** Groups (key, at) rows read oldest first. */
export function failuresByKey(rows: readonly { key: string; at: number }[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>()
  for (const { key, at } of rows) {
    const times = byKey.get(key)
    if (times) times.push(at)
    else byKey.set(key, [at])
  }
  return byKey
}
