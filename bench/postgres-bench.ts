/**
 * @module What the PostgreSQL benches share: a throwaway cluster (the tests' one) with a seeded
 * database, `tk server` processes on it, a sign-in, and PostgreSQL's own count of the
 * statements and transactions it ran (pg_stat_statements, pg_stat_database), figures the
 * machine's load does not change.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { openPostgresStore } from '../src/store/postgres/open-postgres.ts'
import { startPostgresCluster } from '../test/support/postgres-cluster.ts'
import { seedStore } from './seed.ts'

const TK = process.env.BENCH_TK ?? fileURLToPath(new URL('../bin/tk.js', import.meta.url))
const DATABASE = 'tk_bench'

export type BenchDatabase = {
  /** The seeded database's URL. */
  readonly url: string
  /** A superuser connection to the `postgres` database, for the counts. */
  readonly admin: pg.Client
  stop(): Promise<void>
}

// BENCH_PG_DURABLE=1: commits wait for the disk, as in production (the tests' cluster does not).
const DURABLE = process.env.BENCH_PG_DURABLE === '1'
export const DURABILITY = DURABLE
  ? 'fsync and synchronous commit on'
  : 'fsync and synchronous commit off'

/** A new cluster with `size` tickets in project TK (seed.ts), counting statements as it goes. */
export async function startBenchDatabase(size: number): Promise<BenchDatabase> {
  const cluster = await startPostgresCluster([
    'shared_preload_libraries=pg_stat_statements',
    'pg_stat_statements.track=all',
    ...(DURABLE ? ['fsync=on', 'synchronous_commit=on', 'full_page_writes=on'] : []),
  ])
  const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${DATABASE}`)
  await admin.query('CREATE EXTENSION pg_stat_statements')
  const url = `${cluster.url}/${DATABASE}`
  process.stderr.write(`seeding ${size} tickets…\n`)
  const store = await openPostgresStore(url)
  await seedStore(store, size)
  await store.close()
  // Vacuumed and analysed now, so that autovacuum does not wake up during the first load and
  // add its CPU to PostgreSQL's per request (it did, at random: 2–4× in one row of a run).
  const seeded = new pg.Client({ connectionString: url })
  await seeded.connect()
  await seeded.query('VACUUM ANALYZE')
  await seeded.end()
  return {
    url,
    admin,
    async stop() {
      await admin.end()
      cluster.stop()
    },
  }
}

/** A `tk server` on `url` at 127.0.0.1:`port`, once it says it is listening. */
export async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [TK, 'server', '-db', url, '-addr', `127.0.0.1:${port}`], {
    env: { ...process.env, TICKET_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return child
}

export const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

/** The seeded admin's bearer token from the server at `base`. */
export async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  })
  if (!res.ok) throw new Error(`sign-in at ${base} answered ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

export type DatabaseCounts = {
  /** Statements PostgreSQL ran in the bench database (BEGIN and COMMIT included). */
  readonly statements: number
  readonly commits: number
  readonly rollbacks: number
}

/**
 * The bench database's counts so far, once every backend that served it has gone (a backend
 * reports its transactions when it ends): stop the servers first.
 */
export async function databaseCounts(admin: pg.Client): Promise<DatabaseCounts> {
  for (;;) {
    const { rows } = await admin.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [DATABASE],
    )
    if (rows[0].n === 0) break
    await new Promise((r) => setTimeout(r, 50))
  }
  await admin.query('SELECT pg_stat_clear_snapshot()')
  const { rows } = await admin.query(
    `SELECT xact_commit::int AS commits, xact_rollback::int AS rollbacks,
            (SELECT coalesce(sum(calls), 0)::int FROM pg_stat_statements s
              WHERE s.dbid = d.datid) AS statements
       FROM pg_stat_database d WHERE datname = $1`,
    [DATABASE],
  )
  return rows[0] as DatabaseCounts
}
