import type { CommandContext } from '../command.ts'

/** `tk server`: the HTTP API and web app over this workspace's database, until Ctrl-C. */
export async function server(c: CommandContext): Promise<void> {
  // The server and its framework load only for this command, so other commands stay fast.
  const { runServerCommand } = await import('../../server/start.ts')
  const port = c.int('port')
  const addr = c.str('addr')
  const origin = c.str('origin')
  await runServerCommand({
    dbPath: c.workspace.dbPath,
    verbose: c.bool('verbose'),
    trustProxy: c.bool('trustProxy'),
    ...(origin !== undefined ? { origin } : {}),
    env: c.env,
    ...(addr !== undefined ? { addr } : {}),
    ...(port !== undefined ? { port } : {}),
  })
}
