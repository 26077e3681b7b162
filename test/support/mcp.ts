import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { onTestFinished } from 'vitest'
import { TK_BIN } from './workspace.ts'

export type ToolAnswer = {
  readonly isError: boolean
  /** The text of the answer: JSON for a result, `error:`/`hint:` lines for a failure. */
  readonly text: string
}

export type McpSession = {
  readonly client: Client
  call(name: string, args?: Record<string, unknown>): Promise<ToolAnswer>
  /** Calls a tool that must succeed and parses its JSON answer. */
  json<T = unknown>(name: string, args?: Record<string, unknown>): Promise<T>
}

/**
 * The SDK's own client talking to the built `tk mcp` as a child process over stdio, the way
 * Claude Code and Codex start it; closed when the test finishes.
 */
export async function startMcp(options: {
  cwd: string
  env: Record<string, string>
}): Promise<McpSession> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v
  Object.assign(env, { NO_COLOR: '1', TICKET_URL: '', TICKET_USERNAME: '' }, options.env)
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [TK_BIN, 'mcp'],
    cwd: options.cwd,
    env,
    stderr: 'pipe',
  })
  const client = new Client({ name: 'tk-test', version: '1.0.0' })
  await client.connect(transport)
  onTestFinished(() => client.close())
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = await client.callTool({ name, arguments: args })
    const content = r.content as { type: string; text: string }[]
    return { isError: r.isError === true, text: content.map((c) => c.text).join('\n') }
  }
  return {
    client,
    call,
    async json<T>(name: string, args: Record<string, unknown> = {}) {
      const r = await call(name, args)
      if (r.isError) throw new Error(`${name} ${JSON.stringify(args)} failed: ${r.text}`)
      return JSON.parse(r.text) as T
    },
  }
}
