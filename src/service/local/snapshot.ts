import { conflict, invalid } from '../../domain/errors.ts'
import {
  formatSnapshotChunks,
  type ImportResult,
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotBatch,
  type SnapshotStream,
  snapshotBatches,
} from '../../domain/snapshot.ts'
import { SCHEMA_VERSION } from '../../store/migrations/index.ts'
import type { DumpHead } from '../../store/store.ts'
import type { Ctx } from './context.ts'
import { requireAdmin } from './projects.ts'

export async function exportSnapshot(ctx: Ctx): Promise<Snapshot> {
  requireAdmin(ctx, 'export the database')
  const dump = await ctx.store.dumpTables()
  return {
    format: SNAPSHOT_FORMAT,
    schema_version: await ctx.store.schemaVersion(),
    exported_at: ctx.now().toISOString(),
    ...dump,
  }
}

/**
 * The snapshot as `formatSnapshot` writes it, produced as it is read: memory stays at one
 * batch of rows whatever the size. The caller is authorised before the first row is read.
 */
export async function exportSnapshotText(ctx: Ctx): Promise<Iterable<string>> {
  requireAdmin(ctx, 'export the database')
  const exportedAt = ctx.now().toISOString()
  if (!ctx.store.dumpTableStream) {
    // A store that cannot stream synchronously (PostgreSQL) is read whole, in one snapshot.
    const { tables, sequences } = await ctx.store.dumpTables()
    const head = { schema_version: await ctx.store.schemaVersion(), sequences }
    return formatSnapshotChunks(
      { format: SNAPSHOT_FORMAT, exported_at: exportedAt, ...head },
      snapshotBatches(tables),
    )
  }
  const parts = ctx.store.dumpTableStream()
  return (function* () {
    try {
      const first = parts.next()
      const head = first.value as DumpHead
      function* batches() {
        for (const p of parts) yield p as SnapshotBatch
      }
      yield* formatSnapshotChunks(
        { format: SNAPSHOT_FORMAT, exported_at: exportedAt, ...head },
        batches(),
      )
    } finally {
      parts.return(undefined)
    }
  })()
}

/**
 * A workspace holds work once it has a ticket or a project besides the one `tk init` makes;
 * only then does an import need `force` to replace it.
 */
async function holdsWork(ctx: Ctx): Promise<string | undefined> {
  return ctx.store.read(async (db) => {
    const tickets = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const projects = await db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const t = Number(tickets.n)
    const p = Number(projects.n)
    if (t === 0 && p <= 1) return undefined
    return `${t} ticket(s) in ${p} project(s)`
  })
}

export async function importSnapshot(
  ctx: Ctx,
  snapshot: Snapshot | SnapshotStream,
  options: { force?: boolean; checkOnly?: boolean } = {},
): Promise<ImportResult> {
  requireAdmin(ctx, 'import a snapshot')
  const current = await ctx.store.schemaVersion()
  if (snapshot.schema_version > SCHEMA_VERSION || snapshot.schema_version > current)
    throw invalid(
      `the snapshot has schema version ${snapshot.schema_version}; this tk knows up to ${SCHEMA_VERSION}`,
      'upgrade tk, then import again',
    )
  if (snapshot.schema_version < 1)
    throw invalid(`the snapshot has an unknown schema version ${snapshot.schema_version}`)
  const work = options.force ? undefined : await holdsWork(ctx)
  if (work)
    throw conflict(
      `this workspace already holds ${work}; importing would replace them`,
      'export it first if you need it (tk export -o backup.json), then import with -force',
    )
  if (options.checkOnly) return { schema_version: snapshot.schema_version, tables: {} }
  const tables = isStream(snapshot) ? snapshot.tables : snapshotBatches(snapshot.tables)
  const counts = await ctx.store.replaceTables({ sequences: snapshot.sequences, tables })
  return { schema_version: snapshot.schema_version, tables: counts }
}

const isStream = (s: Snapshot | SnapshotStream): s is SnapshotStream =>
  Symbol.iterator in s.tables || Symbol.asyncIterator in s.tables
