#!/usr/bin/env node
// The command line on Node >= 24.7. bin/tk (the installed `tk`) starts it with the packaged Node;
// started by an older `node` directly, it hands over to the packaged one (one process where the
// platform allows: docs/decisions/0014-one-process-launcher-with-packaged-node.md).
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
  const { handOver } = await import('./hand-over.js')
  handOver([...(serving ? SERVER_V8_FLAGS : []), ...process.argv.slice(1)])
}
