// Web app figures (quality.md "Web app"; issue "Scale and speed"): a 200-ticket and a
// 10,000-ticket project side by side in headless Chromium — first render of the board and the
// list, drag start, p95 scroll frame, bytes on the wire, and a change reaching another open
// board — plus the initial JavaScript, gzipped.
// Written to bench/RESULTS.md (replacing the previous web section); figures, never assertions.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { runnerFor } from '../src/agent/llm-runner.ts'
import { buildApp } from '../src/server/app.ts'
import { seedDatabase } from '../src/service/bootstrap.ts'
import { findActor } from '../src/service/local-service.ts'
import { ServiceHost } from '../src/service/service-host.ts'
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.ts'
import { launchBrowser } from '../test/e2e/support/browser.ts'
import { insertTickets } from './seed.ts'

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const WEB = fileURLToPath(new URL('../dist/web/', import.meta.url))
const SIZES = [200, Number(process.env.BENCH_WEB_TICKETS ?? 10_000)]
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const STAGES = ['design', 'develop', 'test', 'done']
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!

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
const prefixOf = (n: number) => (n === SIZES[0] ? 'SMALL' : 'BIG')
for (const n of SIZES) {
  await svc.createProject({ prefix: prefixOf(n), title: `Board of ${n}` })
  await insertTickets(store, {
    prefix: prefixOf(n),
    count: n,
    stageOf: (seq) => STAGES[seq % STAGES.length]!,
  })
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
const lane = (stage: string) => `section.lane[data-stage="${stage}"]`

/**
 * Milliseconds from navigation until the view is usable: every lane's first card (the board)
 * or the first row (the list) in the page; and the bytes the page received on the way
 * (compressed sizes, as sent), the API's JSON apart.
 */
async function firstRender(path: string, ready: (page: Page) => Promise<void>) {
  const times: number[] = []
  let bytes = { all: 0, api: 0 }
  for (let i = 0; i < RUNS; i++) {
    const context = await signIn()
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const urls = new Map<string, string>()
    const run = { all: 0, api: 0 }
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url))
    cdp.on('Network.loadingFinished', (e) => {
      run.all += e.encodedDataLength
      if (urls.get(e.requestId)?.includes('/api/')) run.api += e.encodedDataLength
    })
    const t0 = performance.now()
    await page.goto(path)
    await ready(page)
    times.push(performance.now() - t0)
    // The page settles (late requests such as the summary) before its bytes are counted.
    await page.waitForLoadState('networkidle')
    bytes = run
    await context.close()
  }
  return { times, bytes }
}

/** Milliseconds from the pointer move that starts a drag to the painted frame showing it. */
async function dragStarts(page: Page): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const card = page.locator(`${lane('design')} li.card`).nth(i)
    const box = await card.boundingBox()
    if (!box) throw new Error('no card to drag')
    // In the page (as a script: this file is type-checked without the DOM's types): the time
    // of the last pointer move before the dragged copy appears, and the frame after it.
    await page.evaluate(`window.dragStart = new Promise((resolve) => {
      let lastMove = 0
      const onMove = (e) => { lastMove = e.timeStamp }
      window.addEventListener('mousemove', onMove, { capture: true })
      const seen = new MutationObserver(() => {
        if (!document.querySelector('.drag-overlay')) return
        seen.disconnect()
        window.removeEventListener('mousemove', onMove, { capture: true })
        const from = lastMove
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - from), 0))
      })
      seen.observe(document.body, { childList: true, subtree: true })
    }); 0`)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 20)
    await page.locator('.drag-overlay').waitFor()
    times.push(await page.evaluate<number>('window.dragStart'))
    await page.keyboard.press('Escape')
    await page.mouse.up()
    await page.locator('.drag-overlay').waitFor({ state: 'detached' })
  }
  return times
}

/** Frame times while an element (a lane, or the list's window) scrolls 60 px a frame. */
async function scrollFrames(page: Page, selector: string | null): Promise<number[]> {
  const el = selector
    ? `document.querySelector(${JSON.stringify(selector)})`
    : 'document.scrollingElement'
  return page.evaluate<number[]>(`(async () => {
    const el = ${el}
    el.scrollTop = 0
    const frame = () => new Promise((r) => requestAnimationFrame(r))
    const frames = []
    let last = await frame()
    for (let i = 0; i < 240; i++) {
      el.scrollTop += 60
      const now = await frame()
      frames.push(now - last)
      last = now
    }
    return frames
  })()`)
}

type Figures = Record<string, { median: number; min: number; max: number } | number>
const stats = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) })

async function measure(n: number): Promise<Figures> {
  const p = prefixOf(n)
  const board = await firstRender(`/p/${p}/board`, async (page) => {
    for (const s of STAGES)
      await page
        .locator(`${lane(s)} li.card`)
        .first()
        .waitFor()
  })
  const list = await firstRender(`/p/${p}/list`, (page) =>
    page.locator('table.tickets tbody a[data-row]').first().waitFor(),
  )

  const context = await signIn()
  const page = await context.newPage()
  await page.goto(`/p/${p}/board`)
  await page
    .locator(`${lane('design')} li.card`)
    .first()
    .waitFor()
  await page.locator('.live', { hasText: 'live' }).waitFor()
  process.stderr.write(`${n}: first render done\n`)
  const drag = await dragStarts(page)
  process.stderr.write(`${n}: drag done\n`)
  const laneFrames = await scrollFrames(page, `${lane('test')} .lane-scroll`)
  const cards = await page.locator('li.card').count()

  // A change made elsewhere reaching this board: the top cards of one lane move to another.
  const live: number[] = []
  const keys = await page.evaluate<string[]>(
    `[...document.querySelectorAll('${lane('design')} li.card')].slice(0, 12).map((e) => e.dataset.key)`,
  )
  for (let i = 0; i < RUNS; i++) {
    const key = keys[i]!
    const t0 = performance.now()
    // A service made while a browser listens publishes its changes (ServiceHost.forActor).
    await host.forActor(adminUser).setStage(key, 'develop')
    await page.locator(`${lane('develop')} li.card[data-key="${key}"]`).waitFor({ timeout: 10_000 })
    live.push(performance.now() - t0)
  }
  await context.close()

  const listContext = await signIn()
  const listPage = await listContext.newPage()
  await listPage.goto(`/p/${p}/list`)
  await listPage.locator('table.tickets tbody a[data-row]').first().waitFor()
  const listFrames = await scrollFrames(listPage, null)
  const rows = await listPage.locator('table.tickets tbody tr').count()
  await listContext.close()

  return {
    board: stats(board.times),
    list: stats(list.times),
    drag: stats(drag),
    laneScroll: p95(laneFrames),
    listScroll: p95(listFrames),
    live: stats(live),
    boardKb: board.bytes.all / 1024,
    boardApiKb: board.bytes.api / 1024,
    listKb: list.bytes.all / 1024,
    cards,
    rows,
  }
}

const figures: Figures[] = []
for (const n of SIZES) figures.push(await measure(n))

await browser.close()
await app.close()
await host.close()
rmSync(dir, { recursive: true, force: true })

const when = new Date().toISOString().slice(0, 16).replace('T', ' ')
const cpu = `${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'cpu'} × ${cpus().length}`
const cell = (f: Figures, k: string, digits = 0) => {
  const v = f[k]!
  if (typeof v === 'number') return v.toFixed(digits)
  return `${v.median.toFixed(digits)} (${v.min.toFixed(digits)}–${v.max.toFixed(digits)})`
}
const [small, big] = figures as [Figures, Figures]
const row = (what: string, k: string, target: string, digits = 0) =>
  `| ${what} | ${cell(small, k, digits)} | ${cell(big, k, digits)} | ${target} |`
const table = `
## Web app, ${when} UTC, ${cpu}, Node ${process.version}, Debian Chromium headless, ${RUNS} runs, load average ${loadavg()[0]?.toFixed(1)} at the end

Median (min–max) over the runs; scroll frames are the 95th percentile of 240 frames.

| measure | ${SIZES[0]} tickets | ${SIZES[1]} tickets | target |
|---|---|---|---|
${row('board: navigation to the first card of every lane (ms)', 'board', '≤ 1000')}
${row('list: navigation to the first row (ms)', 'list', '≤ 1000')}
${row('drag start: pointer move to the painted drag (ms)', 'drag', '≤ 50', 1)}
${row('p95 frame while a lane scrolls 60 px a frame (ms)', 'laneScroll', '≤ 20', 1)}
${row('p95 frame while the list scrolls 60 px a frame (ms)', 'listScroll', '≤ 20', 1)}
${row('a stage change reaching another open board (ms)', 'live', '≤ 1000')}
${row('board page: bytes on the wire, all (KB)', 'boardKb', '', 1)}
${row('board page: bytes on the wire, API JSON (KB)', 'boardApiKb', '', 1)}
${row('list page: bytes on the wire, all (KB)', 'listKb', '', 1)}
${row('cards in the page after scrolling a lane', 'cards', '')}
${row('rows in the page after scrolling the list', 'rows', '')}
| initial JavaScript, gzipped (KB) | ${initialJsKb().toFixed(1)} | | ≤ 250 |
`
// One section per part of the bench: this run replaces the last one.
const previous = existsSync(RESULTS)
  ? readFileSync(RESULTS, 'utf8')
      .replace(/\n*## Web app,[\s\S]*?(?=\n## |$)/g, '')
      .trim()
  : '# Benchmark results'
writeFileSync(RESULTS, `${previous}\n${table}`)
process.stdout.write(table)
