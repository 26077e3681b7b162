import { copyFileSync, readFileSync } from 'node:fs'
import { endianness } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it, onTestFinished } from 'vitest'
import { HttpService } from '../../src/client/http-service.ts'
import { pollUntil } from '../support/poll.ts'
import { signedIn, startTestServer } from '../support/server.ts'
import { spawnServer } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'

// Decision 0048: the server copies the WAL into the database file from a worker thread, not on
// the commit that fills it, and the WAL still stays bounded while writes go on.

/** How many tickets titled `title` the database file holds on its own, without its WAL. */
function inFileAlone(dbPath: string, title: string): number {
  const copy = join(tempDir('tk-file-alone-'), 'copy.db')
  copyFileSync(dbPath, copy)
  const db = new DatabaseSync(copy, { readOnly: true })
  try {
    const row = db.prepare('SELECT count(*) AS n FROM tickets WHERE title = ?').get(title) as {
      n: number
    }
    return Number(row.n)
  } finally {
    db.close()
  }
}

/**
 * The frames in the WAL now: `mxFrame` of the WAL index header at the start of the `-shm` file
 * (offset 16, in the machine's byte order: sqlite.org/walformat.html). The `-wal` file's size
 * would not do: it keeps its largest size when the WAL starts over.
 */
function walFrames(dbPath: string): number {
  const head = readFileSync(`${dbPath}-shm`).subarray(0, 48)
  return endianness() === 'LE' ? head.readUInt32LE(16) : head.readUInt32BE(16)
}

describe('checkpoints off the event loop', () => {
  it('the built server copies a few creates into the database file soon after they commit', async () => {
    // A handful of creates is far below SQLite's own 1,000-page checkpoint: before, they stayed
    // in the WAL until a checkpoint that never came.
    const server = await spawnServer()
    const dbPath = /database: (\S+)/.exec(server.stdout())![1]!
    const svc = new HttpService({ url: server.url })
    await svc.login('admin', server.adminPassword)
    await svc.createProject({ prefix: 'CKP', title: 'Checkpoints' })
    for (let i = 0; i < 3; i++) await svc.createTicket({ project: 'CKP', title: 'in the file' })
    await pollUntil(
      () => inFileAlone(dbPath, 'in the file'),
      (n) => n === 3,
      { timeout: 20_000, failure: (n) => `the database file alone holds ${n} of 3 creates` },
    )
  })

  it('keeps the WAL bounded while creates go on, and every create reaches the file', async () => {
    const restartPages = 50
    const server = await startTestServer({ checkpoints: { everyMs: 50, restartPages } })
    onTestFinished(() => server.close())
    const admin = await signedIn(server)
    await admin.createProject({ prefix: 'WAL', title: 'Busy' })
    const total = 160
    let made = 0
    let largest = 0
    // Four clients at once, so a write is nearly always under way.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (made < total) {
          made++
          await admin.createTicket({ project: 'WAL', title: 'steady' })
          largest = Math.max(largest, walFrames(server.dbPath))
        }
      }),
    )
    // Each create writes well over ten pages here: without checkpoints the WAL would reach
    // 1,000 pages (SQLite's own checkpoint) and never start over below that.
    // 160 creates write more than 1,000 pages here: without the checkpointer the WAL grew to
    // SQLite's own checkpoint at 1,000 pages before it started over.
    // Past `restartPages` writes pause for one last copy and the WAL starts over; past four
    // times that the connection checkpoints itself (skipped while the worker is copying, so a
    // few commits may pass first). Far below the 1,000 pages it reached before.
    expect(largest).toBeLessThanOrEqual(12 * restartPages)
    await pollUntil(
      () => inFileAlone(server.dbPath, 'steady'),
      (n) => n === made,
      { timeout: 20_000, failure: (n) => `the database file alone holds ${n} of ${made} creates` },
    )
  })
})
