#!/usr/bin/env node
// Runs the bundled CLI on Node >= 24.7; an older `node` re-executes it with the packaged one.
const [major, minor] = process.versions.node.split('.').map(Number)
// `tk server` is long-lived and allocates fast under load: a small young generation keeps its
// memory flat at no cost in throughput (docs/decisions/0008-server-memory-and-hot-queries.md).
const SERVER_V8_FLAGS = ['--max-semi-space-size=4']
const serving = process.argv[2] === 'server'
if (major > 24 || (major === 24 && minor >= 7)) {
  const only = process.argv.length === 3 ? process.argv[2] : undefined
  if (serving && process.execve && !process.execArgv.includes(SERVER_V8_FLAGS[0])) {
    // Same process id, so signals and supervisors see one server.
    process.execve(
      process.execPath,
      [process.execPath, ...SERVER_V8_FLAGS, ...process.execArgv, ...process.argv.slice(1)],
      process.env,
    )
  }
  if (only === '--version' || only === '-v' || only === 'version') {
    // Scripts probe the version in loops; answer without loading the command line.
    process.stdout.write(`${(await import('../dist/version.js')).default}\n`)
  } else {
    ;(await import('node:module')).enableCompileCache?.()
    await import('../dist/cli.js')
  }
} else {
  const { spawnSync } = await import('node:child_process')
  const { existsSync } = await import('node:fs')
  const { fileURLToPath } = await import('node:url')
  const packaged = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))
  if (!existsSync(packaged)) {
    process.stderr.write(
      `error: tk needs Node.js 24.7 or newer (found ${process.version})\nhint: install Node.js 24 LTS, or run \`npm install\` in the ticket package to fetch it\n`,
    )
    process.exit(1)
  }
  const args = [
    ...(serving ? SERVER_V8_FLAGS : []),
    fileURLToPath(import.meta.url),
    ...process.argv.slice(2),
  ]
  const child = spawnSync(packaged, args, { stdio: 'inherit' })
  process.exit(child.status ?? 1)
}
