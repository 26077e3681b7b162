import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'

// A real filesystem that fills up or turns read-only, rather than SQLite's own limits, so the
// test covers what the engine does with ENOSPC and EROFS (its shared-memory file included).
// Mounting needs root, as on CI; without it `mount` fails and so does the test, with its error.

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' })

/** A fresh tmpfs of `size` (e.g. "4m"), unmounted and removed when the test finishes. */
export function tmpfs(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tk-mnt-'))
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir])
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim()
    throw new Error(`cannot mount a tmpfs on ${dir} (the test needs root): ${stderr || e}`)
  }
  onTestFinished(() => {
    run('umount', ['-l', dir])
    rmSync(dir, { recursive: true, force: true })
  })
  return dir
}

export const remount = (dir: string, mode: 'ro' | 'rw') =>
  run('mount', ['-o', `remount,${mode}`, dir])

/** Appends zeros to `dir`/filler until the filesystem has no block left; returns its path. */
export function fill(dir: string): string {
  const path = join(dir, 'filler')
  const fd = openSync(path, 'a')
  try {
    for (const size of [1 << 20, 1 << 16, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size)
      try {
        for (;;) writeSync(fd, chunk)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e
      }
    }
  } finally {
    closeSync(fd)
  }
  return path
}
