/** @module `tk mcp --stats`: what the tool list costs a client's context. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { createMcpServer } from './server.ts'

export type ToolListStats = {
  readonly tools: readonly string[]
  /** Bytes of the JSON of the `tools` array that `tools/list` answers. */
  readonly bytes: number
  /** bytes / 4, rounded up: the usual estimate for English text and JSON. */
  readonly tokens: number
  readonly method: string
}

const unused = () => {
  throw new Error('the tool list needs no service')
}

/** Asks a server for its tools over the SDK's own client, as Claude Code or Codex would. */
export async function toolListStats(version: string): Promise<ToolListStats> {
  const server = createMcpServer({
    service: unused,
    ref: unused,
    project: unused,
    defaultProject: undefined,
    explain: String,
    version,
  })
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair()
  const client = new Client({ name: 'tk-mcp-stats', version })
  await server.connect(serverSide)
  await client.connect(clientSide)
  try {
    const { tools } = await client.listTools()
    const bytes = Buffer.byteLength(JSON.stringify(tools))
    return {
      tools: tools.map((t) => t.name),
      bytes,
      tokens: Math.ceil(bytes / 4),
      method: 'bytes of the JSON of tools/list, divided by 4',
    }
  } finally {
    await client.close()
    await server.close()
  }
}
