import { invalid } from './errors.ts'

/** One table of a snapshot: column names once, then rows of values in that order. */
export type SnapshotTable = {
  readonly columns: readonly string[]
  readonly rows: readonly (readonly SnapshotValue[])[]
}

export type SnapshotValue = string | number | null

/** The whole database as JSON (`tk export`), restorable with `tk import`. */
export type Snapshot = {
  readonly format: typeof SNAPSHOT_FORMAT
  /** The schema (migration) version of the database it was taken from. */
  readonly schema_version: number
  readonly exported_at: string
  readonly tables: Readonly<Record<string, SnapshotTable>>
  /** The next row id of each table that hands out ids, so ids are never reused after a restore. */
  readonly sequences: Readonly<Record<string, number>>
}

export const SNAPSHOT_FORMAT = 'ticket-snapshot'

const isValue = (v: unknown): v is SnapshotValue =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))

const bad = (what: string) =>
  invalid(`not a ticket snapshot: ${what}`, 'export one with: tk export -o FILE.json')

/** Checks the shape of untrusted snapshot JSON (not its meaning: the database checks that). */
export function parseSnapshot(input: unknown): Snapshot {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw bad('expected an object')
  const s = input as Record<string, unknown>
  if (s.format !== SNAPSHOT_FORMAT) throw bad(`"format" is not "${SNAPSHOT_FORMAT}"`)
  if (typeof s.schema_version !== 'number' || !Number.isInteger(s.schema_version))
    throw bad('"schema_version" is missing')
  if (typeof s.exported_at !== 'string') throw bad('"exported_at" is missing')
  if (!s.tables || typeof s.tables !== 'object' || Array.isArray(s.tables))
    throw bad('"tables" is missing')
  for (const [name, t] of Object.entries(s.tables as Record<string, unknown>)) {
    const table = t as Record<string, unknown> | null
    if (!table || !Array.isArray(table.columns) || !Array.isArray(table.rows))
      throw bad(`table "${name}" needs "columns" and "rows"`)
    if (!table.columns.every((c) => typeof c === 'string'))
      throw bad(`table "${name}" has a column name that is not a string`)
    const width = table.columns.length
    for (const [i, row] of (table.rows as unknown[]).entries())
      if (!Array.isArray(row) || row.length !== width || !row.every(isValue))
        throw bad(`row ${i + 1} of table "${name}" does not match its ${width} columns`)
  }
  const sequences = s.sequences ?? {}
  if (typeof sequences !== 'object' || Array.isArray(sequences))
    throw bad('"sequences" is not an object')
  for (const [name, n] of Object.entries(sequences as Record<string, unknown>))
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw bad(`sequence "${name}" is not a whole number`)
  return {
    format: SNAPSHOT_FORMAT,
    schema_version: s.schema_version,
    exported_at: s.exported_at,
    tables: s.tables as Record<string, SnapshotTable>,
    sequences: sequences as Record<string, number>,
  }
}

/** What an import did: rows per table. */
export type ImportResult = {
  readonly schema_version: number
  readonly tables: Readonly<Record<string, number>>
}

/**
 * JSON with one line per row: readable, diffable, and a fraction of the size of fully
 * indented output for a large database.
 */
export function formatSnapshot(s: Snapshot): string {
  const j = (v: unknown) => JSON.stringify(v)
  const tables = Object.entries(s.tables).map(([name, t]) => {
    const rows =
      t.rows.length === 0 ? '[]' : `[\n${t.rows.map((r) => `        ${j(r)}`).join(',\n')}\n      ]`
    return `    ${j(name)}: {\n      "columns": ${j(t.columns)},\n      "rows": ${rows}\n    }`
  })
  return [
    '{',
    `  "format": ${j(s.format)},`,
    `  "schema_version": ${j(s.schema_version)},`,
    `  "exported_at": ${j(s.exported_at)},`,
    `  "sequences": ${j(s.sequences)},`,
    `  "tables": {${tables.length === 0 ? '}' : `\n${tables.join(',\n')}\n  }`}`,
    '}',
    '',
  ].join('\n')
}
