/** @module Putting a new SQLite file in the place of a workspace's own (decision 0037). */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

/** A workspace's file, held by this process alone until it is replaced or let go. */
export type FileHold = {
  /** Renames `newPath` (complete and closed) over the held file, on disk before it returns. */
  replaceWith(newPath: string): void
  release(): void
}

/** fsync of a file or a directory (a directory: so a rename in it is on disk too). */
function syncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Holds the database at `path` for replacing its file, or answers undefined when that is not
 * safe: another connection has it open (a server, an agent: it would go on with the old
 * file), or it holds work and `empty` is asked for (a ticket, or a project besides the
 * first). The file leaves WAL mode, which SQLite allows only to its one connection, so its
 * log is folded in and gone; an exclusive lock then keeps every other process out until the
 * new file has its name. A process that opened the old file meanwhile and waits for the
 * lock finds no database there afterwards (its header is cleared): it fails, and runs again
 * on the new file, rather than writing to a file nobody will read.
 */
export function holdAlone(path: string, options: { empty: boolean }): FileHold | undefined {
  let raw: DatabaseSync
  try {
    raw = new DatabaseSync(path, { timeout: 0 })
  } catch {
    return undefined
  }
  let fd: number | undefined
  try {
    const mode = raw.prepare('PRAGMA journal_mode = DELETE').get() as { journal_mode: string }
    if (mode.journal_mode !== 'delete') throw new Error('in use')
    raw.exec('BEGIN EXCLUSIVE')
    if (options.empty) {
      const n = raw
        .prepare(
          'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM projects) AS projects',
        )
        .get() as { tickets: number; projects: number }
      if (n.tickets > 0 || n.projects > 1) throw new Error('holds work')
    }
    fd = openSync(path, 'r+')
  } catch {
    letGo(raw)
    return undefined
  }
  const old = fd
  return {
    replaceWith(newPath) {
      syncPath(newPath)
      renameSync(newPath, path)
      syncPath(dirname(path))
      // Only now, as closing any descriptor of the old file drops this process's locks on it.
      writeSync(old, Buffer.alloc(100), 0, 100, 0)
      fsyncSync(old)
      closeSync(old)
      letGo(raw)
    },
    release() {
      letGo(raw)
      closeSync(old)
      // Back in WAL mode, as every other opening expects.
      const again = new DatabaseSync(path)
      again.exec('PRAGMA journal_mode = WAL')
      again.close()
    },
  }
}

function letGo(raw: DatabaseSync) {
  try {
    if (raw.isTransaction) raw.exec('ROLLBACK')
  } catch {
    // The file under it was replaced: nothing of it is wanted any more.
  }
  raw.close()
}
