// The same-run baselines bench/server.ts reads `tk server`'s figures against (quality.md
// "Server"): bare node:http answering GET one ticket's JSON, and a bare Fastify route reading
// one row from node:sqlite. Both in a child process of their own, as `tk server` is.
import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { type LoadResult, type LoadSpec, runLoad } from './load.ts'

const SERVER = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))

export type Baselines = { http: LoadResult; fastify: LoadResult }

async function start(kind: 'http' | 'fastify', port: number, file: string) {
  const child = spawn(process.execPath, [SERVER, kind, String(port), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve())
    child.on('exit', (code) => reject(new Error(`${kind} baseline exited with ${code}`)))
  })
  return child
}

async function stop(child: ChildProcess) {
  child.removeAllListeners('exit')
  const exited = new Promise((resolve) => child.on('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** Loads each baseline as `spec` loads GET one ticket; `body` is that route's answer. */
export async function measureBaselines(
  spec: Omit<LoadSpec, 'base'>,
  body: string,
  bodyFile: string,
  dbFile: string,
  port: number,
): Promise<Baselines> {
  writeFileSync(bodyFile, body)
  const results: Partial<Baselines> = {}
  for (const [kind, file] of [
    ['http', bodyFile],
    ['fastify', dbFile],
  ] as const) {
    process.stderr.write(`baseline ${kind}…\n`)
    const child = await start(kind, port, file)
    try {
      results[kind] = await runLoad({ ...spec, base: `http://127.0.0.1:${port}`, pid: child.pid })
    } finally {
      await stop(child)
    }
  }
  return results as Baselines
}

/** `uptime`'s load averages, for the record beside each run's figures. */
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
