import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { invalid } from '../../domain/errors.ts'
import {
  parseSnapshot,
  readSnapshotLines,
  SNAPSHOT_LAYOUT_START,
  type Snapshot,
  type SnapshotBatch,
  type SnapshotStream,
  snapshotBatches,
} from '../../domain/snapshot.ts'
import type { CommandContext, Run } from '../command.ts'
import type { FileHold } from '../connect.ts'
import { stdoutStream } from '../stdout.ts'
import { UsageError } from '../usage-error.ts'

const rowsIn = (tables: Record<string, number>) => Object.values(tables).reduce((a, b) => a + b, 0)

/** Counts rows per table in the text as it passes, for the summary line. */
async function* counting(
  chunks: Iterable<string> | AsyncIterable<string>,
  tables: Record<string, number>,
) {
  for await (const chunk of chunks) {
    for (const m of chunk.matchAll(/^ {4}("(?:[^"\\]|\\.)*"): \{$|^ {8}\[/gm))
      if (m[1] !== undefined) tables[JSON.parse(m[1]) as string] = 0
      else {
        const last = Object.keys(tables).at(-1)
        if (last !== undefined) tables[last]!++
      }
    yield chunk
  }
}

const missingDirectory = (path: string) =>
  invalid(
    `cannot write ${path}: the directory ${dirname(path)} does not exist`,
    'create it first, or give -o a path in an existing directory',
  )

/**
 * Written beside the target and renamed over it at the end, so an interrupted export never
 * leaves half a file where a whole one was; the directory must already exist.
 */
async function writeStreamAtomic(path: string, chunks: AsyncIterable<string>) {
  if (!existsSync(dirname(path))) throw missingDirectory(path)
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    // The snapshot holds password hashes: readable by the owner only.
    await pipeline(Readable.from(chunks), createWriteStream(tmp, { mode: 0o600 }))
    renameSync(tmp, path)
  } catch (e) {
    rmSync(tmp, { force: true })
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw missingDirectory(path)
    if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR')
      throw invalid(`cannot write ${path}: ${(e as Error).message}`, 'give -o a writable path')
    throw e
  }
}

export const exportSnapshot: Run = async (c) => {
  const target = c.str('output') ?? c.args[0] ?? 'ticket-snapshot.json'
  const path = target === '-' ? undefined : resolve(c.cwd, target)
  if (path !== undefined && !existsSync(dirname(path))) throw missingDirectory(path)
  const tables: Record<string, number> = {}
  const text = counting(await (await c.service()).exportSnapshotText(), tables)
  if (path === undefined) {
    await pipeline(Readable.from(text), stdoutStream(), { end: false })
    return
  }
  await writeStreamAtomic(path, text)
  c.out.data(
    { path, tables },
    (d) =>
      `exported snapshot to ${d.path} (${rowsIn(d.tables)} rows in ${Object.keys(d.tables).length} tables)`,
  )
}

/**
 * Opens a snapshot for reading. The layout `tk export` writes is read line by line as the
 * import goes, so its size does not matter; any other JSON layout is read whole and checked
 * as before.
 */
async function readSnapshot(source: string, cwd: string): Promise<Snapshot | SnapshotStream> {
  const path = source === '-' ? undefined : resolve(cwd, source)
  const unreadable = (e: unknown) =>
    invalid(`cannot read ${source}: ${(e as Error).message}`, 'check the path given to -i')
  const input = path === undefined ? process.stdin : createReadStream(path)
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  const it = lines[Symbol.asyncIterator]()
  // A read error ends the lines; it is reported, not taken for the end of the file.
  let failed: unknown
  input.once('error', (e: Error) => {
    failed = e
    lines.close()
  })
  const pull = async () => {
    let r: IteratorResult<string>
    try {
      r = await it.next()
    } catch (e) {
      throw unreadable(e)
    }
    if (failed !== undefined) throw unreadable(failed)
    return r
  }
  const head: string[] = []
  for (let i = 0; i < 2; i++) {
    const r = await pull()
    if (r.done) break
    head.push(r.value)
  }
  if (`${head.join('\n')}\n` === SNAPSHOT_LAYOUT_START) {
    const rest = (async function* () {
      yield* head
      for (let r = await pull(); !r.done; r = await pull()) yield r.value
    })()
    return readSnapshotLines(rest)
  }
  const text = [...head]
  for (let r = await pull(); !r.done; r = await pull()) text.push(r.value)
  let json: unknown
  try {
    json = JSON.parse(text.join('\n'))
  } catch (e) {
    throw invalid(
      `${source} is not JSON: ${(e as Error).message}`,
      'give a file written by tk export',
    )
  }
  return parseSnapshot(json)
}

/** Passes the batches through, noting the first project's prefix (the new workspace's default). */
function noteFirstProject(
  s: Snapshot | SnapshotStream,
  note: (prefix: string) => void,
): SnapshotStream {
  const batches: AsyncIterable<SnapshotBatch> | Iterable<SnapshotBatch> =
    Symbol.iterator in s.tables || Symbol.asyncIterator in s.tables
      ? (s as SnapshotStream).tables
      : snapshotBatches((s as Snapshot).tables)
  async function* tap() {
    let seen = false
    for await (const b of batches) {
      if (!seen && b.table === 'projects' && b.rows.length > 0) {
        seen = true
        const prefix = b.rows[0]![b.columns.indexOf('prefix')]
        if (typeof prefix === 'string') note(prefix)
      }
      yield b
    }
  }
  return { ...s, tables: tap() }
}

/**
 * Restoring onto a new machine needs no `tk init` first: the snapshot brings its own users.
 * It is loaded into a new file beside the database (its journal in memory, unsynced: each
 * page written once) and renamed into place only once complete and on disk, so an import
 * that fails or is interrupted (Ctrl-C, a crash) leaves the workspace as it was: no database,
 * or (`hold`) the one it replaces, held by this process alone meanwhile (decision 0037).
 */
async function importIntoNewFile(
  c: CommandContext,
  snapshot: Snapshot | SnapshotStream,
  hold?: FileHold,
) {
  const dbPath = c.workspace.dbPath
  const tmp = `${dbPath}.${process.pid}.importing`
  const removeTemp = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(`${tmp}${suffix}`, { force: true })
  }
  const onSignal = (signal: NodeJS.Signals) => {
    removeTemp()
    hold?.release()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let closed = false
  let placed = false
  // Nobody exists yet to act as; whoever may create the workspace may fill it (an existing
  // one was checked by its own rules first).
  const restorer = {
    id: '',
    username: 'admin',
    display_name: '',
    description: '',
    email: '',
    role: 'admin',
    enabled: true,
    user_type: 'user',
    status: 'idle',
    last_seen: null,
    created_at: '',
  } as const
  const connect = await import('../connect.ts')
  try {
    const svc = await connect.createLocal(tmp, restorer, { bulkLoad: true })
    let prefix: string | undefined
    try {
      const result = await svc.importSnapshot(
        noteFirstProject(snapshot, (p) => {
          prefix = p
        }),
      )
      // Closing puts the file back in WAL mode, so the file alone is the database.
      await svc.close()
      closed = true
      if (hold) hold.replaceWith(tmp)
      else {
        syncPath(tmp)
        renameSync(tmp, dbPath)
        syncPath(dirname(dbPath))
      }
      placed = true
      if (!c.workspace.config.project && prefix !== undefined)
        c.workspace.saveConfig({ project: prefix })
      return result
    } finally {
      if (!closed) await svc.close()
    }
  } finally {
    if (!placed) hold?.release()
    removeTemp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/**
 * A local workspace that may be replaced whole (checked by the service's own rules: an
 * admin, a schema this tk reads, no work unless -force) and that nothing else has open is
 * held for `importIntoNewFile`; otherwise undefined, and the import loads in place.
 */
async function holdForImport(
  c: CommandContext,
  snapshot: Snapshot | SnapshotStream,
): Promise<FileHold | undefined> {
  const connect = await import('../connect.ts')
  const svc = await connect.connect(c.workspace, c.env)
  try {
    await svc.importSnapshot(snapshot, { force: c.bool('force'), checkOnly: true })
  } finally {
    await svc.close()
  }
  return connect.holdWorkspaceAlone(c.workspace, !c.bool('force'))
}

export const importSnapshot: Run = async (c) => {
  const source = c.str('input') ?? c.args[0]
  if (source === undefined)
    throw new UsageError('which snapshot?', 'e.g. tk import -i ticket-snapshot.json')
  const snapshot = await readSnapshot(source, c.cwd)
  const remote = c.env.TICKET_URL || c.workspace.config.server_url
  const hold =
    remote || !existsSync(c.workspace.dbPath) ? undefined : await holdForImport(c, snapshot)
  const result =
    !remote && (hold || !existsSync(c.workspace.dbPath))
      ? await importIntoNewFile(c, snapshot, hold)
      : await (await c.service()).importSnapshot(snapshot, { force: c.bool('force') })
  const path = source === '-' ? 'stdin' : resolve(c.cwd, source)
  c.out.data(
    { path, ...result },
    (d) =>
      `imported snapshot from ${d.path} (schema ${d.schema_version}, ${rowsIn(d.tables)} rows)`,
  )
}

/** fsync of a file or a directory (a directory: so a rename in it is on disk too). */
function syncPath(path: string) {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
