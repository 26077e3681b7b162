// Web app figures (quality.md "Web app"): first render of a 2,000-ticket board in headless
// Chromium, a change reaching another open board, and the initial JavaScript, gzipped.
// Written to bench/RESULTS.md (replacing the previous web section); figures, never assertions.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { runnerFor } from '../src/agent/llm-runner.ts'
import { buildApp } from '../src/server/app.ts'
import { seedDatabase } from '../src/service/bootstrap.ts'
import { findActor } from '../src/service/local-service.ts'
import { ServiceHost } from '../src/service/service-host.ts'
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.ts'
import { launchBrowser } from '../test/e2e/support/browser.ts'

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const WEB = fileURLToPath(new URL('../dist/web/', import.meta.url))
const TICKETS = Number(process.env.BENCH_WEB_TICKETS ?? 2000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const STAGES = ['design', 'develop', 'test', 'done']
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** The entry script and what index.html preloads with it, gzipped: what a first visit runs. */
function initialJsKb(): number {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
  const bytes = files.reduce(
    (n, f) => n + gzipSync(readFileSync(join(WEB, f)), { level: 9 }).length,
    0,
  )
  return bytes / 1024
}

const dir = mkdtempSync(join(tmpdir(), 'tk-bench-web-'))
const store = await openSqliteStore(join(dir, 'ticket.db'), { create: true })
await seedDatabase(store, { password: 'bench-password', now: new Date() })
const host = new ServiceHost({ store })
const adminUser = await findActor(store, 'admin')
const svc = host.forActor(adminUser)
await svc.createProject({ prefix: 'BIG', title: 'Big board' })
for (let i = 0; i < TICKETS; i++) {
  const t = await svc.createTicket({ project: 'BIG', title: `Ticket number ${i} of the big board` })
  const stage = STAGES[i % 3]!
  if (stage !== 'design') await svc.setStage(t.key, stage)
}
const app = await buildApp({
  host,
  version: 'bench',
  webRoot: WEB,
  loginsPerMinute: 10_000,
  chat: runnerFor('codex'),
})
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

const browser = await launchBrowser()
const signIn = async () => {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1400, height: 900 } })
  const res = await context.request.post('/api/login', {
    data: { username: 'admin', password: 'bench-password' },
  })
  if (!res.ok()) throw new Error(`login failed: ${res.status()}`)
  return context
}

/** Milliseconds from navigation until the last of `TICKETS` items is in the page. */
async function firstRender(path: string, item: string): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const context = await signIn()
    const page = await context.newPage()
    const t0 = performance.now()
    await page.goto(path)
    // The last item attached means the view is complete (it renders in one commit).
    await page
      .locator(item)
      .nth(TICKETS - 1)
      .waitFor({ state: 'attached', timeout: 60_000 })
    times.push(performance.now() - t0)
    await context.close()
  }
  return times
}
const renders = await firstRender('/p/BIG/board', 'li.card')
const lists = await firstRender('/p/BIG/list', 'table.tickets tbody tr')

const watcher = await (await signIn()).newPage()
await watcher.goto('/p/BIG/board')
await watcher.locator('.live', { hasText: 'live' }).waitFor()
const live: number[] = []
for (let i = 0; i < RUNS; i++) {
  const key = `BIG-T-${1 + i * 3}`
  const t0 = performance.now()
  // A service made while a browser listens publishes its changes (ServiceHost.forActor).
  await host.forActor(adminUser).setStage(key, 'test')
  await watcher
    .locator(`section.lane[data-stage="test"] li.card[data-key="${key}"]`)
    .waitFor({ timeout: 10_000 })
  live.push(performance.now() - t0)
}

await browser.close()
await app.close()
await host.close()
rmSync(dir, { recursive: true, force: true })

const when = new Date().toISOString().slice(0, 16).replace('T', ' ')
const cpu = `${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'cpu'} × ${cpus().length}`
const ms = (x: number) => x.toFixed(0)
const table = `
## Web app, ${when} UTC, ${cpu}, Node ${process.version}, Debian Chromium headless, ${RUNS} runs, load average ${loadavg()[0]?.toFixed(1)} at the end

| measure | median | min | max | target |
|---|---|---|---|---|
| board of ${TICKETS} tickets: navigation to every card rendered (ms) | ${ms(median(renders))} | ${ms(Math.min(...renders))} | ${ms(Math.max(...renders))} | ≤ 1000 |
| list of ${TICKETS} tickets: navigation to every row rendered (ms) | ${ms(median(lists))} | ${ms(Math.min(...lists))} | ${ms(Math.max(...lists))} | ≤ 1000 |
| a stage change reaching another open ${TICKETS}-ticket board (ms) | ${ms(median(live))} | ${ms(Math.min(...live))} | ${ms(Math.max(...live))} | ≤ 1000 |
| initial JavaScript, gzipped (KB) | ${initialJsKb().toFixed(1)} | | | ≤ 250 |
`
// One section per part of the bench: this run replaces the last one.
const previous = existsSync(RESULTS)
  ? readFileSync(RESULTS, 'utf8')
      .replace(/\n*## Web app,[\s\S]*?(?=\n## |$)/g, '')
      .trim()
  : '# Benchmark results'
writeFileSync(RESULTS, `${previous}\n${table}`)
process.stdout.write(table)
