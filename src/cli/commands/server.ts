import type { CommandContext } from '../command.ts'

/** `tk server`: the HTTP API and web app over this workspace's database, until Ctrl-C. */
export async function server(c: CommandContext): Promise<void> {
  // The server and its framework load only for this command, so other commands stay fast.
  const { runServerCommand } = await import('../../server/start.ts')
  const port = c.int('port')
  const addr = c.str('addr')
  await runServerCommand({
    dbPath: c.workspace.dbPath,
    verbose: c.bool('verbose'),
    env: c.env,
    ...(addr !== undefined ? { addr } : {}),
    ...(port !== undefined ? { port } : {}),
  })
}
