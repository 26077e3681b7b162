// Search in process at scale: the best 50 for a word in every ticket, in a third, in one.
// node bench/search.ts [SIZE]; BENCH_HOME reuses a workspace made by bench/seed.ts; BENCH_SRC
// points at another checkout's src/ to measure it side by side on the same workspace.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { seedWorkspace } from './seed.ts'

const SIZE = Number(process.argv[2] ?? 1_000_000)
const home = process.env.BENCH_HOME ?? mkdtempSync(join(tmpdir(), 'tk-search-'))
if (!process.env.BENCH_HOME) await seedWorkspace(home, SIZE)
const src = resolve(process.env.BENCH_SRC ?? join(import.meta.dirname, '../src'))
const { findActor, LocalService } = await import(join(src, 'service/local-service.ts'))
const { openSqliteStore } = await import(join(src, 'store/sqlite/open-sqlite.ts'))
const store = await openSqliteStore(join(home, 'ticket.db'))
const svc = new LocalService({ store, actor: await findActor(store, 'admin'), ownsStore: false })

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const cases: [string, string, Record<string, unknown>][] = [
  ['a word in every ticket, 50 best', 'ticket', { limit: 50 }],
  ['a word in a third, 50 best', 'password', { limit: 50 }],
  ['a rare word', String(SIZE - 7), { limit: 50 }],
  ['a prefix of a common word, 50 best', 'passw', { limit: 50 }],
  ['a word in every ticket, type bug (none), 50 best', 'ticket', { type: 'bug', limit: 50 }],
]
for (const [name, words, filter] of cases) {
  const times: number[] = []
  let found = 0
  for (let i = 0; i < (filter.type ? 3 : 7); i++) {
    const t = performance.now()
    found = (await svc.searchTickets(words, filter)).length
    times.push(performance.now() - t)
  }
  console.log(
    `${name}: median ${median(times).toFixed(1)} ms, fastest ${Math.min(...times).toFixed(1)} ms, found ${found}`,
  )
}
await store.close()
