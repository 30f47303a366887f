/**
 * Who asks a use case: a signed-in person, or the operator — whoever runs
 * the server's command line on its data directory, its administrator. A
 * person reaches a document through their role and the workflow; the
 * operator reaches every document and is recorded as nobody (a stored
 * change by the operator carries no login name). Use cases that both the
 * HTTP API and the CLI call take an `Actor`; the rules that differ are
 * decided there, once.
 */
import type { User } from '../storage/account-store'

export interface Operator {
  readonly operator: true
}

export const OPERATOR: Operator = Object.freeze({ operator: true })

export type Actor = User | Operator

export const isOperator = (actor: Actor): actor is Operator => 'operator' in actor

/** The login name a change is recorded under: the person's, none for the operator. */
export const actorName = (actor: Actor): string | undefined => (isOperator(actor) ? undefined : actor.name)
