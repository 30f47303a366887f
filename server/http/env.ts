/** What the API's middleware puts on a request for its routes: the logged-in user. */
import type { User } from '../storage/account-store'

export type Env = { Variables: { user: User } }
