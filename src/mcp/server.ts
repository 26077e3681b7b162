/** @module `tk mcp`: the tools of tools.ts as a Model Context Protocol server. */
import type { Readable, Writable } from 'node:stream'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { TOOLS, type ToolContext } from './tools.ts'

export type McpOptions = Omit<ToolContext, 'me'> & {
  /** The words the CLI prints for a failure (`error:` and `hint:` lines). */
  explain(e: unknown): string
  readonly version: string
}

/**
 * `f` called once and its answer kept; a failure (server down, no workspace yet) is not kept,
 * so the next call tries again without restarting the client.
 */
export function keepOnSuccess<T>(f: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined
  return () => {
    if (kept) return kept
    const p = f()
    kept = p
    p.catch(() => {
      if (kept === p) kept = undefined
    })
    return p
  }
}

const INSTRUCTIONS =
  'Ticket tracker. The loop: next → claim → show → comment, log_time → complete, fail or release.'

const text = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  ...(isError ? { isError } : {}),
})

/**
 * A tool answers what `tk … --json` prints, compacted; it is an error exactly when the CLI
 * would exit non-zero, with the CLI's error text. `pending` gathers calls still running.
 */
export function createMcpServer(o: McpOptions, pending = new Set<Promise<unknown>>()): McpServer {
  const server = new McpServer(
    { name: 'tk', version: o.version },
    // Clients show this to the model once, beside the tools: the order of the loop.
    { instructions: INSTRUCTIONS },
  )
  const context: ToolContext = {
    service: o.service,
    ref: o.ref,
    project: o.project,
    defaultProject: o.defaultProject,
    me: keepOnSuccess(async () => (await (await o.service()).whoami()).username),
  }
  for (const [name, t] of Object.entries(TOOLS))
    server.registerTool(name, { description: t.description, inputSchema: t.input }, (args) => {
      const call = t.run(context, args).then(
        (value) => text(value),
        (e: unknown): CallToolResult => ({
          content: [{ type: 'text', text: o.explain(e) }],
          isError: true,
        }),
      )
      pending.add(call)
      return call.finally(() => pending.delete(call))
    })
  return server
}

/**
 * Serves on stdin/stdout until the client closes stdin, then lets the calls in flight finish
 * (so the caller may close the database after this returns).
 */
export async function serveStdio(
  o: McpOptions,
  stdin: Readable = process.stdin,
  stdout: Writable = process.stdout,
): Promise<void> {
  const pending = new Set<Promise<unknown>>()
  const server = createMcpServer(o, pending)
  const ended = new Promise<void>((resolve) => {
    stdin.once('end', resolve)
    stdin.once('close', resolve)
  })
  await server.connect(new StdioServerTransport(stdin, stdout))
  await ended
  await Promise.allSettled(pending)
  await server.close()
}
