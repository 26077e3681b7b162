/**
 * @module The database dialects the dialect-sensitive suites run against, looped over the way
 * Kysely tests itself. `TICKET_TEST_DIALECTS=sqlite` runs only SQLite (no PostgreSQL needed);
 * by default, and in CI, every dialect runs.
 */
export const ALL_DIALECTS = ['sqlite', 'postgres'] as const
export type DialectName = (typeof ALL_DIALECTS)[number]

function fromEnv(): readonly DialectName[] {
  const raw = process.env.TICKET_TEST_DIALECTS
  if (!raw) return ALL_DIALECTS
  const names = raw.split(',').map((s) => s.trim())
  const unknown = names.find((n) => !(ALL_DIALECTS as readonly string[]).includes(n))
  if (unknown !== undefined)
    throw new Error(
      `TICKET_TEST_DIALECTS names "${unknown}"; use a comma-separated list of ${ALL_DIALECTS.join(', ')}`,
    )
  return names as DialectName[]
}

export const TEST_DIALECTS = fromEnv()

/** The migrated, empty database every PostgreSQL test database is copied from. */
export const TEMPLATE_DATABASE = 'tk_template'
