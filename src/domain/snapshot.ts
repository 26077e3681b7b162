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

/** Rows of one table, in order; a table's batches come one after another, the first may be empty. */
export type SnapshotBatch = {
  readonly table: string
  readonly columns: readonly string[]
  readonly rows: readonly (readonly SnapshotValue[])[]
}

/**
 * A snapshot whose rows are read as they are needed, so a million tickets never sit in memory
 * at once; `tables` can be iterated once.
 */
export type SnapshotStream = Omit<Snapshot, 'tables'> & {
  readonly tables: AsyncIterable<SnapshotBatch> | Iterable<SnapshotBatch>
}

/** The batches of tables held in memory: one per table. */
export function* snapshotBatches(tables: Snapshot['tables']): Iterable<SnapshotBatch> {
  for (const [table, t] of Object.entries(tables)) yield { table, ...t }
}

/** Gathers batches into whole tables in memory. */
export async function collectTables(
  batches: AsyncIterable<SnapshotBatch> | Iterable<SnapshotBatch>,
): Promise<Record<string, SnapshotTable>> {
  const tables: Record<string, { columns: readonly string[]; rows: (readonly SnapshotValue[])[] }> =
    {}
  for await (const b of batches) {
    let t = tables[b.table]
    if (!t) {
      t = { columns: b.columns, rows: [] }
      tables[b.table] = t
    }
    for (const r of b.rows) t.rows.push(r)
  }
  return tables
}

/** Reads a streamed snapshot into memory (to send it in one request). */
export async function wholeSnapshot(s: Snapshot | SnapshotStream): Promise<Snapshot> {
  if (!(Symbol.iterator in s.tables || Symbol.asyncIterator in s.tables)) return s as Snapshot
  return { ...s, tables: await collectTables(s.tables as AsyncIterable<SnapshotBatch>) }
}

const j = (v: unknown) => JSON.stringify(v)
const ROW_INDENT = '        '

/**
 * JSON with one line per row: readable, diffable, and a fraction of the size of fully
 * indented output for a large database. Written piece by piece, so a snapshot of any size
 * streams; `readSnapshotLines` reads this layout back the same way.
 */
export function* formatSnapshotChunks(
  head: Omit<Snapshot, 'tables'>,
  batches: Iterable<SnapshotBatch>,
): Generator<string> {
  yield `{\n  "format": ${j(head.format)},\n  "schema_version": ${j(head.schema_version)},\n  "exported_at": ${j(head.exported_at)},\n  "sequences": ${j(head.sequences)},\n  "tables": {`
  let table: string | undefined
  let rows = 0
  const close = () => (rows === 0 ? ']\n    }' : '\n      ]\n    }')
  for (const b of batches) {
    let out = ''
    if (b.table !== table) {
      if (table !== undefined) out += `${close()},`
      out += `\n    ${j(b.table)}: {\n      "columns": ${j(b.columns)},\n      "rows": [`
      table = b.table
      rows = 0
    }
    for (const r of b.rows) out += `${rows++ === 0 ? '\n' : ',\n'}${ROW_INDENT}${j(r)}`
    yield out
  }
  yield `${table === undefined ? '}' : `${close()}\n  }`}\n}\n`
}

export function formatSnapshot(s: Snapshot): string {
  return [...formatSnapshotChunks(s, snapshotBatches(s.tables))].join('')
}

/** How a file written by `formatSnapshot` begins; other layouts are read whole. */
export const SNAPSHOT_LAYOUT_START = `{\n  "format": ${j(SNAPSHOT_FORMAT)},\n`

const BATCH_ROWS = 500

/**
 * Reads the layout `formatSnapshot` writes, line by line: the head at once, the rows as
 * `tables` is iterated. Each row is checked as `parseSnapshot` checks it.
 */
export async function readSnapshotLines(source: AsyncIterable<string>): Promise<SnapshotStream> {
  const lines = source[Symbol.asyncIterator]()
  let n = 0
  const next = async (): Promise<string> => {
    const r = await lines.next()
    n++
    if (r.done) throw bad(`it ends early, at line ${n}`)
    return r.value
  }
  const field = (line: string, name: string): unknown => {
    const m = /^\s*"([a-z_]+)":\s*(.*?),?\s*$/.exec(line)
    if (!m || m[1] !== name) throw bad(`line ${n} should hold "${name}"`)
    try {
      return JSON.parse(m[2]!)
    } catch {
      throw bad(`line ${n} is not JSON`)
    }
  }
  if ((await next()).trim() !== '{') throw bad('expected an object')
  const head = parseSnapshot({
    format: field(await next(), 'format'),
    schema_version: field(await next(), 'schema_version'),
    exported_at: field(await next(), 'exported_at'),
    sequences: field(await next(), 'sequences'),
    tables: {},
  })
  const tablesLine = (await next()).trim()
  if (tablesLine !== '"tables": {' && tablesLine !== '"tables": {}')
    throw bad(`line ${n} should open "tables"`)
  async function* tables(): AsyncGenerator<SnapshotBatch> {
    if (tablesLine === '"tables": {}') return
    for (;;) {
      const line = (await next()).trim()
      const name = /^("(?:[^"\\]|\\.)*"):\s*\{$/.exec(line)
      if (!name) throw bad(`line ${n} should name a table`)
      const table = JSON.parse(name[1]!) as string
      const columns = field(await next(), 'columns')
      if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string'))
        throw bad(`table "${table}" needs "columns"`)
      const open = (await next()).trim()
      let batch: SnapshotValue[][] = []
      let count = 0
      if (open === '"rows": [') {
        for (;;) {
          const row = (await next()).trim()
          if (row === ']') break
          let value: unknown
          try {
            value = JSON.parse(row.endsWith(',') ? row.slice(0, -1) : row)
          } catch {
            throw bad(`line ${n} is not JSON`)
          }
          count++
          if (!Array.isArray(value) || value.length !== columns.length || !value.every(isValue))
            throw bad(
              `row ${count} of table "${table}" does not match its ${columns.length} columns`,
            )
          batch.push(value)
          if (batch.length === BATCH_ROWS) {
            yield { table, columns, rows: batch }
            batch = []
          }
        }
      } else if (open !== '"rows": []') throw bad(`line ${n} should hold "rows"`)
      if (batch.length > 0 || count === 0) yield { table, columns, rows: batch }
      const end = (await next()).trim()
      if (end === '}') break
      if (end !== '},') throw bad(`line ${n} should close table "${table}"`)
    }
    for (const what of ['"tables"', 'the snapshot'])
      if ((await next()).trim() !== '}') throw bad(`line ${n} should close ${what}`)
  }
  return { ...head, tables: tables() }
}
