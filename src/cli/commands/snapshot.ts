import { existsSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { invalid } from '../../domain/errors.ts'
import { formatSnapshot, parseSnapshot, type Snapshot } from '../../domain/snapshot.ts'
import type { CommandContext, Run } from '../command.ts'
import { UsageError } from '../usage-error.ts'
import { writeFileAtomic } from '../workspace.ts'

const rowsIn = (tables: Record<string, number>) => Object.values(tables).reduce((a, b) => a + b, 0)

export const exportSnapshot: Run = async (c) => {
  const target = c.str('output') ?? c.args[0] ?? 'ticket-snapshot.json'
  const snapshot = await (await c.service()).exportSnapshot()
  const text = formatSnapshot(snapshot)
  if (target === '-') {
    process.stdout.write(text)
    return
  }
  const path = resolve(c.cwd, target)
  // The snapshot holds password hashes and session tokens: readable by the owner only.
  writeFileAtomic(path, text, 0o600)
  const tables = Object.fromEntries(
    Object.entries(snapshot.tables).map(([n, t]) => [n, t.rows.length]),
  )
  c.out.data(
    { path, schema_version: snapshot.schema_version, tables },
    (d) =>
      `exported snapshot to ${d.path} (${rowsIn(d.tables)} rows in ${Object.keys(d.tables).length} tables)`,
  )
}

function readSnapshot(source: string, cwd: string): unknown {
  let text: string
  try {
    text = readFileSync(source === '-' ? 0 : resolve(cwd, source), 'utf8')
  } catch (e) {
    throw invalid(`cannot read ${source}: ${(e as Error).message}`, 'check the path given to -i')
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw invalid(
      `${source} is not JSON: ${(e as Error).message}`,
      'give a file written by tk export',
    )
  }
}

/**
 * Restoring onto a new machine needs no `tk init` first: the database is created empty and
 * the snapshot brings its own users. If the import fails, the new files are removed again.
 */
async function importIntoNewWorkspace(c: CommandContext, snapshot: Snapshot) {
  const [{ openSqliteStore }, { LocalService }] = await Promise.all([
    import('../../store/sqlite/open-sqlite.ts'),
    import('../../service/local-service.ts'),
  ])
  const dbPath = c.workspace.dbPath
  const store = await openSqliteStore(dbPath, { create: true })
  // Nobody exists yet to act as; whoever may create the workspace may fill it.
  const restorer = {
    id: '',
    username: 'admin',
    display_name: '',
    email: '',
    role: 'admin',
    enabled: true,
    user_type: 'user',
    status: 'idle',
    last_seen: null,
    created_at: '',
  } as const
  const svc = new LocalService({ store, actor: restorer })
  let done = false
  try {
    const result = await svc.importSnapshot(snapshot)
    const first = snapshot.tables.projects
    const prefix = first?.rows[0]?.[first.columns.indexOf('prefix')]
    if (!c.workspace.config.project && typeof prefix === 'string')
      c.workspace.saveConfig({ project: prefix })
    done = true
    return result
  } finally {
    await svc.close()
    if (!done)
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true })
  }
}

export const importSnapshot: Run = async (c) => {
  const source = c.str('input') ?? c.args[0]
  if (source === undefined)
    throw new UsageError('which snapshot?', 'e.g. tk import -i ticket-snapshot.json')
  const snapshot = parseSnapshot(readSnapshot(source, c.cwd))
  const remote = c.env.TICKET_URL || c.workspace.config.server_url
  const result =
    !remote && !existsSync(c.workspace.dbPath)
      ? await importIntoNewWorkspace(c, snapshot)
      : await (await c.service()).importSnapshot(snapshot, { force: c.bool('force') })
  const path = source === '-' ? 'stdin' : resolve(c.cwd, source)
  c.out.data(
    { path, ...result },
    (d) =>
      `imported snapshot from ${d.path} (schema ${d.schema_version}, ${rowsIn(d.tables)} rows)`,
  )
}
