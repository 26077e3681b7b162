import { isPostgresUrl } from '../../domain/database-location.ts'
import type { CommandContext } from '../command.ts'
import { stdoutStream } from '../stdout.ts'
import { UsageError } from '../usage-error.ts'

/** `tk server`: the HTTP API and web app over this workspace's database, until Ctrl-C. */
export async function server(c: CommandContext): Promise<void> {
  // The server and its framework load only for this command, so other commands stay fast.
  const { checkThreads, runServerCommand } = await import('../../server/start.ts')
  const port = c.int('port')
  const addr = c.str('addr')
  const origin = c.str('origin')
  const threads = c.int('threads')
  // A PostgreSQL database, shared by every server behind a load balancer, instead of the
  // workspace's file.
  const database = c.str('db') ?? c.env.TICKET_DATABASE_URL
  if (database && !isPostgresUrl(database))
    throw new UsageError(
      `${c.str('db') !== undefined ? '-db' : 'TICKET_DATABASE_URL'} must be a PostgreSQL URL, not "${database}"`,
      'e.g. postgres://ticket:secret@db.example.com/ticket; a SQLite workspace is chosen with -f or TICKET_HOME',
    )
  await runServerCommand({
    dbPath: database || c.workspace.dbPath,
    verbose: c.bool('verbose'),
    trustProxy: c.bool('trustProxy'),
    ...(origin !== undefined ? { origin } : {}),
    env: c.env,
    // Its log lines through process.stdout, which ends the server quietly if the reader goes.
    write: (t) => {
      stdoutStream().write(t)
    },
    ...(addr !== undefined ? { addr } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(threads !== undefined ? { threads: checkThreads(threads, '-threads') } : {}),
  })
}
