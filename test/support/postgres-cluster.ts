import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

/** A throwaway PostgreSQL cluster: its superuser URL (no database part) and how to remove it. */
export type PostgresCluster = {
  /** `postgres://postgres@127.0.0.1:PORT`; append `/dbname`. */
  readonly url: string
  stop(): void
}

/** initdb, pg_ctl and postgres: on PATH, or in Debian's versioned directory. */
function binDir(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir
  const debian = '/usr/lib/postgresql'
  if (!existsSync(debian)) return undefined
  const newest = readdirSync(debian)
    .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0]
  return newest === undefined ? undefined : join(debian, newest, 'bin')
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })

/**
 * initdb + pg_ctl in a new temp directory, listening on a free loopback port. PostgreSQL
 * refuses to run as root, so as root the cluster belongs to the `postgres` system user.
 * Durability is switched off: the cluster lives for one test run.
 */
export async function startPostgresCluster(
  /** More `-c name=value` server settings (a bench's `shared_preload_libraries`). */
  extraSettings: readonly string[] = [],
): Promise<PostgresCluster> {
  const bin = binDir()
  if (!bin)
    throw new Error(
      'PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql); install it (apt-get install postgresql) or set TICKET_TEST_DIALECTS=sqlite',
    )
  const dir = mkdtempSync(join(tmpdir(), 'tk-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' })
  if (asRoot) {
    chmodSync(dir, 0o700)
    const { uid, gid } = userIds('postgres')
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  const port = await freePort()
  run('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ])
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=400',
    ...extraSettings.map((s) => `-c ${s}`),
  ].join(' ')
  run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', '-s', 'start'])
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-s', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

function userIds(name: string) {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }))
  return { uid: id('-u'), gid: id('-g') }
}
