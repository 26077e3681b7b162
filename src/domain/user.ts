export const USER_ROLES = ['admin', 'user'] as const
export type UserRole = (typeof USER_ROLES)[number]
export const USER_TYPES = ['user', 'agent'] as const
export type UserType = (typeof USER_TYPES)[number]

/** A person or an agent; never carries the password hash. */
export type User = {
  readonly id: string
  readonly username: string
  readonly display_name: string
  /** What the account is for (agents: shown to admins); '' when not given. */
  readonly description: string
  readonly email: string
  readonly role: UserRole
  readonly enabled: boolean
  readonly user_type: UserType
  readonly status: string
  readonly last_seen: string | null
  readonly created_at: string
}
