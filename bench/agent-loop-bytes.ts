/**
 * What one ticket of the skill's loop costs an agent in output it must read: the commands and
 * the bytes each prints, piped (not a terminal), for three tickets of a fresh workspace.
 *
 *   node bench/agent-loop-bytes.ts [path/to/bin/tk.js] [--loop before|after]
 *
 * `before` is the loop the skill taught before NO-WORK reasons, compact JSON and --fields on
 * claims (claim, get, comment, time log, complete); `after` is today's.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const bin = resolve(
  process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'bin/tk.js',
)
const loop = process.argv.includes('before') ? 'before' : 'after'
const dir = mkdtempSync(join(tmpdir(), 'tk-bytes-'))
const env = { ...process.env, TICKET_HOME: join(dir, '.ticket'), TICKET_URL: '', NO_COLOR: '1' }

function tk(...args: string[]): { out: string; bytes: number } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8' })
  return { out: r.stdout, bytes: Buffer.byteLength(r.stdout) + Buffer.byteLength(r.stderr) }
}

tk('init', '-password', 'secret-admin-pw')
for (let i = 1; i <= 3; i++) {
  const key = (
    JSON.parse(tk('add', `Task ${i}`, '-ac', 'it works', '--json').out) as { key: string }
  ).key
  // The older queue wanted develop, which `ready` did not reach on its own.
  if (loop === 'before') tk('stage', key, 'develop')
  tk('ready', key)
}

const perTicket: { key: string; commands: number; bytes: number }[] = []
for (;;) {
  const steps: number[] = []
  const claim =
    loop === 'before'
      ? tk('claim', '--json')
      : tk('claim', '--json', '--fields', 'key,title,status')
  steps.push(claim.bytes)
  const answer = JSON.parse(claim.out) as { status: string; ticket: { key: string } | null }
  if (answer.status !== 'ASSIGNED') {
    console.log(`final claim: ${answer.status}, ${claim.bytes} bytes`)
    break
  }
  const key = answer.ticket!.key
  steps.push(
    (loop === 'before'
      ? tk('get', key, '--json')
      : tk('get', key, '--json', '--fields', 'description,acceptance_criteria,blocked,comments')
    ).bytes,
  )
  steps.push(tk('comment', key, 'did the work; acceptance criteria met').bytes)
  steps.push(tk('time', 'log', key, '30', 'what the time went on').bytes)
  steps.push(
    (loop === 'before'
      ? tk('complete', key)
      : tk('complete', key, '-final', '--json', '--fields', 'key,status,next')
    ).bytes,
  )
  perTicket.push({ key, commands: steps.length, bytes: steps.reduce((a, b) => a + b, 0) })
}
for (const t of perTicket) console.log(`${t.key}: ${t.commands} commands, ${t.bytes} bytes`)
rmSync(dir, { recursive: true, force: true })
