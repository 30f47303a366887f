/**
 * Which account each Yjs client id of a document belongs to, the rule
 * under "whoever sends an update speaks only for themselves": the first
 * account to write under a client id (or announce it in awareness) holds
 * it. Bindings come as stored, from other instances (which hold over
 * whatever this room guessed), or new here (stored with the next batch).
 * Also the display names of those who wrote, for automatic versions.
 */
import type { ClientBinding } from '../storage/document-log'
import type { Identity } from './session'

export class ClientAccounts {
  private readonly accounts = new Map<number, string>()
  /** login → display name, of those who wrote here. */
  private readonly displayNames = new Map<string, string>()

  /** `claim`: a binding made here, to be stored with the next batch. */
  constructor(private readonly claim: (binding: ClientBinding) => void) {}

  accountOf(client: number): string | undefined {
    return this.accounts.get(client)
  }

  /** Binds a client id to the account writing under it (or announcing it) first. */
  bind(client: number, by: string): void {
    if (this.accounts.has(client)) return
    this.accounts.set(client, by)
    this.claim({ client, by })
  }

  /** Bindings as stored, or as another instance stored them: they hold over whatever this room guessed. */
  learn(bindings: readonly ClientBinding[]): void {
    for (const { client, by } of bindings) this.accounts.set(client, by)
  }

  /** A binding another instance made and has not stored yet (awareness): kept unless one is known, never stored here. */
  learnIfUnbound(client: number, by: string): void {
    if (!this.accounts.has(client)) this.accounts.set(client, by)
  }

  /** Someone wrote: their display name is kept for the automatic versions they take part in. */
  wrote(identity: Identity): void {
    this.displayNames.set(identity.userName, identity.displayName)
  }

  displayNameOf(login: string): string {
    return this.displayNames.get(login) ?? login
  }
}
