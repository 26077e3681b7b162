#!/usr/bin/env node
// Runs the bundled CLI on Node >= 24.7; an older `node` on PATH re-executes with the packaged one.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major > 24 || (major === 24 && minor >= 7)) {
  const { enableCompileCache } = await import('node:module')
  enableCompileCache?.()
  await import('../dist/cli.js')
} else {
  const packaged = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))
  if (!existsSync(packaged)) {
    process.stderr.write(
      `error: tk needs Node.js 24.7 or newer (found ${process.version})\nhint: install Node.js 24 LTS, or run \`npm install\` in the ticket package to fetch it\n`,
    )
    process.exit(1)
  }
  const child = spawnSync(packaged, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  process.exit(child.status ?? 1)
}
