/** A reusable persona (domain.md "People and organisation") that workflow stages can name. */
export type Role = {
  readonly id: number
  readonly name: string
  readonly title: string
  readonly motivation: string
  readonly goals: string
  readonly created_at: string
}
