// In one process, the CPU of each part of GET one ticket (decision 0048 "Session and reads"):
// the token's digest, an empty read, the session's read, `readAs` with nothing in it, and the
// whole GET (session, ticket, records) with and without its JSON, and as the GET route reads it
// (`ticketWithRecordsAs`: in one statement where the store has one). `node bench/get-parts.ts`.

import { hash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { login, sessionUserIn } from '../src/service/local/accounts.ts'
import { ServiceHost } from '../src/service/service-host.ts'
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.ts'
import { seedStore } from './seed.ts'

const SIZE = Number(process.env.BENCH_SIZE ?? 10_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const N = Number(process.env.BENCH_N ?? 20_000)

const home = mkdtempSync(join(tmpdir(), 'tk-get-parts-'))
const store = await openSqliteStore(join(home, 'ticket.db'), { create: true, writable: true })
await seedStore(store, SIZE)
const host = new ServiceHost({ store })
const { token } = await login(store, 'admin', 'bench-password', new Date())
const refs = Array.from({ length: 1024 }, () => `TK-T-${1 + Math.floor(Math.random() * SIZE)}`)

async function time(fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 2000; i++) await fn(i)
  const start = process.cpuUsage()
  for (let i = 0; i < N; i++) await fn(i)
  const used = process.cpuUsage(start)
  return (used.user + used.system) / N
}

const parts: Record<string, (i: number) => Promise<unknown> | unknown> = {
  'sha256 of the token': () => hash('sha256', token, 'hex'),
  'empty read': () => store.read(async () => null),
  'read: session only': () => store.read((db) => sessionUserIn(db, token, new Date())),
  'readAs, nothing else': () => host.readAs(token, async () => null),
  'readAs + getTicket': (i) => host.readAs(token, (s) => s.getTicket(refs[i & 1023] as string)),
  'readAs + getTicketWithRecords': (i) =>
    host.readAs(token, (s) => s.getTicketWithRecords(refs[i & 1023] as string)),
  // What the GET route calls: one statement where the store has one (decisions 0050, 0052).
  ticketWithRecordsAs: (i) => host.ticketWithRecordsAs(token, refs[i & 1023] as string),
  'the same + JSON.stringify': async (i) =>
    JSON.stringify(
      await host.readAs(token, (s) => s.getTicketWithRecords(refs[i & 1023] as string)),
    ),
}
const results: Record<string, number[]> = {}
for (let r = 0; r < ROUNDS; r++)
  for (const [name, fn] of Object.entries(parts)) {
    results[name] ??= []
    results[name].push(await time(fn))
  }
console.log(`load average ${loadavg()[0]?.toFixed(1)}, ${N} calls per round, µs CPU per call`)
for (const [name, xs] of Object.entries(results))
  console.log(`${name.padEnd(34)} ${xs.map((x) => x.toFixed(1).padStart(6)).join(' ')}`)
await store.close()
rmSync(home, { recursive: true, force: true })
