/** @module HTTP Basic authentication of agents (agent UUID + password). */

import { forbidden, TicketError } from '../../domain/errors.ts'
import type { User } from '../../domain/user.ts'
import type { Store } from '../../store/store.ts'
import { crypto } from '../crypto.ts'
import { hashPassword, verifyPassword } from '../password.ts'
import { toUser } from '../users.ts'

const invalidCredentials = () =>
  new TicketError('unauthenticated', 'invalid credentials', {
    hint: 'check AGENT_ID and AGENT_PASSWORD (an admin can reset it: tk agent reset-password)',
  })

let dummyHash: Promise<string> | undefined

/**
 * Basic auth arrives on every agent call, and Argon2id is slow on purpose. Remember the
 * passwords already checked, keyed by the stored hash (so a new password forgets the old one),
 * as SHA-256 digests only: the cache holds nothing an attacker could log in with.
 */
export class AgentAuthenticator {
  readonly #store: Store
  readonly #checked = new Map<string, string>()

  constructor(store: Store) {
    this.#store = store
  }

  /**
   * `beforeHashing` runs before any password is hashed (a caller's limit on guesses, which may
   * refuse by throwing); a password already checked passes without it.
   */
  async authenticate(
    id: string,
    password: string,
    beforeHashing: () => Promise<void> = async () => {},
  ): Promise<User> {
    const row = await this.#store.read((db) =>
      db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', id.trim())
        .where('user_type', '=', 'agent')
        .executeTakeFirst(),
    )
    const secret = password.trim()
    const digest = crypto().createHash('sha256').update(secret).digest('hex')
    if (row && this.#checked.get(row.password_hash) !== digest) {
      await beforeHashing()
      if (!(await verifyPassword(secret, row.password_hash))) throw invalidCredentials()
      if (this.#checked.size > 10_000) this.#checked.clear()
      this.#checked.set(row.password_hash, digest)
    }
    if (!row) {
      await beforeHashing()
      // The same work as a real check, so timing does not reveal which agents exist.
      dummyHash ??= hashPassword('not a password of any agent')
      await verifyPassword(secret, await dummyHash)
      throw invalidCredentials()
    }
    if (row.enabled !== 1) throw forbidden(`agent ${row.username} is disabled`)
    return toUser(row)
  }
}
