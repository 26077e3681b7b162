/** @module `tk agent run -worktree`: each ticket in its own git worktree and branch. */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { TicketError } from '../domain/errors.ts'

const git = promisify(execFile)

/** Fails at start-up, not on the first ticket, when `-worktree` is used outside a repository. */
export async function assertGitRepository(cwd: string): Promise<void> {
  await git('git', ['rev-parse', '--show-toplevel'], { cwd }).catch(() => {
    throw new TicketError('invalid', `${cwd} is not inside a git repository`, {
      hint: 'run tk agent run -worktree from a clone of the project, or drop -worktree',
    })
  })
}

/**
 * A worktree for `key` beside the repository (`<repo>-worktrees/<KEY>`, on branch `<KEY>`), so
 * parallel workers never write to the same files. An existing one is reused: a ticket that
 * comes back (a lapsed lease, a retry) continues where the last run stopped.
 */
export async function worktreeFor(cwd: string, key: string): Promise<string> {
  const { stdout } = await git('git', ['rev-parse', '--show-toplevel'], { cwd })
  const root = stdout.trim()
  const path = join(dirname(root), `${basename(root)}-worktrees`, key)
  if (existsSync(path)) return path
  const branch = await git('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${key}`], {
    cwd: root,
  }).then(
    () => true,
    () => false,
  )
  await git('git', ['worktree', 'add', ...(branch ? [path, key] : ['-b', key, path])], {
    cwd: root,
  })
  return path
}
