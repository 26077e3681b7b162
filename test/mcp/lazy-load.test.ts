import { readdirSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

const DIST = new URL('../../dist/', import.meta.url)
const read = (file: string) => readFileSync(new URL(file, DIST), 'utf8')
// A message of the SDK's stdio transport: present wherever its code was bundled.
const SDK_MARK = 'StdioServerTransport already started'

/** Every chunk that loading `file` loads too: its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const m of read(file).matchAll(/(?:import|from)\s*"\.\/([\w.-]+\.js)"/g))
    staticClosure(m[1]!, seen)
  return seen
}

it('loads the MCP SDK only for tk mcp, not with every command (built dist/)', () => {
  const withSdk = readdirSync(DIST).filter((f) => f.endsWith('.js') && read(f).includes(SDK_MARK))
  expect(withSdk.length).toBeGreaterThan(0)
  // Each command's start-up: the entry, plus the command table and flag parser it always loads.
  const everyCommand = staticClosure('cli.js')
  for (const f of readdirSync(DIST).filter((x) => /^(program|flags)-\w+\.js$/.test(x)))
    staticClosure(f, everyCommand)
  expect([...everyCommand].filter((f) => withSdk.includes(f))).toEqual([])
})
