import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { assertGitRepository, worktreeFor } from '../../src/agent/worktree.ts'
import { tempDir } from '../support/temp-dir.ts'

it('gives each ticket its own worktree and branch, and reuses it when the ticket comes back', async () => {
  const repo = join(tempDir('tk-git-'), 'repo')
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' })
  execFileSync('git', ['init', '-q', repo])
  git(
    '-c',
    'user.email=t@example.com',
    '-c',
    'user.name=t',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'start',
  )
  const a = await worktreeFor(repo, 'CUS-T-1')
  const b = await worktreeFor(repo, 'CUS-T-2')
  expect(a).toBe(join(`${repo}-worktrees`, 'CUS-T-1'))
  expect(existsSync(join(a, '.git'))).toBe(true)
  expect(git('-C', b, 'branch', '--show-current').trim()).toBe('CUS-T-2')
  expect(await worktreeFor(repo, 'CUS-T-1')).toBe(a)
})

it('refuses -worktree outside a repository before any work is taken', async () => {
  await expect(assertGitRepository(tempDir('tk-nogit-'))).rejects.toThrow(
    'not inside a git repository',
  )
})
