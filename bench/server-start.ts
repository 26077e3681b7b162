// What bench/cold-start.ts and bench/io.ts both measure: a server's cold start, from spawning
// it to its first answered /api/healthz, beside a bare node:http server. Figures, never assertions.
import { spawn } from 'node:child_process'
import { cpuSeconds } from './proc-stat.ts'

export type Start = { readonly ms: number; readonly cpu: number }

export const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Arguments for `node` that start the floor: a bare node:http server answering everything. */
export const bareHttp = (port: number) => [
  '-e',
  `require('node:http').createServer((q,s)=>s.end('ok')).listen(${port},'127.0.0.1')`,
]

/**
 * Wall time from spawn to the first answered /api/healthz, and the child's CPU time by then
 * (every thread's user + system time, in 10 ms ticks: steadier than wall time on a busy
 * machine). `command` is Node, or a launcher such as bin/tk that starts Node itself.
 */
export async function coldStart(
  command: string,
  args: (port: number) => readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Start> {
  const port = 20_000 + Math.floor(Math.random() * 5000)
  const t0 = performance.now()
  const child = spawn(command, args(port), { env: { ...process.env, ...env }, stdio: 'ignore' })
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (child.exitCode !== null) throw new Error(`${command} ${args(port).join(' ')} exited`)
    await new Promise((r) => setTimeout(r, 2))
  }
  const ms = performance.now() - t0
  const cpu = (cpuSeconds(child.pid!) ?? Number.NaN) * 1000
  child.kill()
  await new Promise((r) => child.on('exit', r))
  return { ms, cpu }
}

/** One table row: the server's medians beside the bare server's, measured in the same run. */
export function startRow(label: string, ours: readonly Start[], bare: readonly Start[]): string {
  const [bw, ow] = [median(bare.map((b) => b.ms)), median(ours.map((o) => o.ms))]
  const [bc, oc] = [median(bare.map((b) => b.cpu)), median(ours.map((o) => o.cpu))]
  return `| ${label} (median of ${ours.length}) | ${ow.toFixed(0)} ms (CPU ${oc} ms) | ${(ow / bw).toFixed(1)}× bare node:http (${bw.toFixed(0)} ms, CPU ${bc} ms) |`
}
