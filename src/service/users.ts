import type { Selectable } from 'kysely'
import type { User } from '../domain/user.ts'
import type { UsersTable } from '../store/database.ts'

/** A user row without its password hash. */
export const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  username: r.username,
  display_name: r.display_name,
  description: r.description,
  email: r.email,
  role: r.role,
  enabled: r.enabled === 1,
  user_type: r.user_type,
  status: r.status,
  last_seen: r.last_seen,
  created_at: r.created_at,
})
