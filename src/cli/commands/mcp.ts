/** `tk mcp`: the Model Context Protocol server on stdio, over this workspace's service. */

import { keepOnSuccess, serveStdio } from '../../mcp/server.ts'
import { toolListStats } from '../../mcp/stats.ts'
import type { TicketService } from '../../service/ticket-service.ts'
import type { Run } from '../command.ts'
import { renderError } from '../error-report.ts'
import { stdoutStream } from '../stdout.ts'

export const mcp: Run = async (c) => {
  if (c.bool('stats')) {
    const s = await toolListStats(__TICKET_VERSION__)
    c.out.data(s, (x) =>
      [
        `tools  : ${x.tools.length} (${x.tools.join(', ')})`,
        `schema : ${x.bytes} bytes ≈ ${x.tokens} tokens (${x.method})`,
      ].join('\n'),
    )
    return
  }
  if (process.stdin.isTTY)
    process.stderr.write(
      'tk mcp answers Model Context Protocol on stdin/stdout; start it from an agent, e.g. claude mcp add tk -- tk mcp (see docs/agents.md)\n',
    )
  // Connected on the first call, and again after a failure, so that `tk init` or a server
  // coming up is seen without restarting the agent.
  let service: Promise<TicketService> | undefined
  const connect = keepOnSuccess(() => {
    service = import('../connect.ts').then((m) => m.connect(c.workspace, c.env))
    return service
  })
  let defaultProject: string | undefined
  try {
    defaultProject = c.project()
  } catch {
    defaultProject = undefined
  }
  const debug = Boolean(c.env.TICKET_DEBUG)
  try {
    await serveStdio(
      {
        service: connect,
        ref: c.ref,
        project: c.project,
        defaultProject,
        explain: (e) => renderError(e, { json: false, color: false, debug }).text.trimEnd(),
        version: __TICKET_VERSION__,
      },
      process.stdin,
      // The stream that ends the command quietly if the client goes (src/cli/stdout.ts).
      stdoutStream(),
    )
  } finally {
    await (await service?.catch(() => undefined))?.close()
  }
}
