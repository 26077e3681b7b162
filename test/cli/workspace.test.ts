import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, TK_BIN, tempWorkspace } from '../support/workspace.ts'

describe('tk init', () => {
  it('creates the workspace, prints the generated admin password once, and is safe to repeat', async () => {
    const ws = await tempWorkspace({ init: false })
    const first = await ws.tk('init')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/admin password: [A-Za-z0-9]{24}/)
    expect(existsSync(`${ws.home}/ticket.db`)).toBe(true)
    expect(JSON.parse(readFileSync(`${ws.home}/config.json`, 'utf8'))).toMatchObject({
      project: 'TK',
    })
    await ws.tk('add', 'keep me')
    const again = await ws.tk('init')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/already initialised/)
    expect(again.stdout).not.toMatch(/password/)
    expect(await ws.json<unknown[]>('ls')).toHaveLength(1)
  })

  it('-force starts over and -prefix creates the current project', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'gone soon')
    const r = await ws.json<{ created: boolean; project: string; admin_password: string | null }>(
      'init',
      '-force',
      '-prefix',
      'OPS',
      '-title',
      'Operations',
      '-password',
      'pw',
    )
    expect(r).toMatchObject({ created: true, project: 'OPS', admin_password: null })
    expect(await ws.json('ls')).toEqual([])
    expect((await ws.json<{ key: string }>('add', 'x')).key).toBe('OPS-T-1')
  })

  it('explains how to start when there is no workspace', async () => {
    const dir = tempDir()
    const r = await runTk(['ls'], { cwd: dir, env: { TICKET_HOME: `${dir}/.ticket` } })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: no workspace here/m)
    expect(r.stderr).toMatch(/^hint: create one with: tk init/m)
  })

  it('finds the nearest .ticket walking up from a subdirectory', async () => {
    const ws = await tempWorkspace()
    const { mkdirSync } = await import('node:fs')
    mkdirSync(`${ws.dir}/src/deep`, { recursive: true })
    const r = await runTk(['add', 'from below', '--json'], {
      cwd: `${ws.dir}/src/deep`,
      env: { TICKET_HOME: '' },
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).key).toBe('TK-T-1')
  })

  it('re-executes itself on the packaged Node when started by an older node', () => {
    const r = spawnSync('/usr/bin/node', [TK_BIN, '--version'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe('usage and errors', () => {
  it('exits 2 with a suggestion for an unknown command', async () => {
    const ws = await tempWorkspace({ init: false })
    const r = await ws.tk('lsit')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/error: unknown command "lsit"/)
    expect(r.stderr).toMatch(/hint: did you mean tk list\?/)
  })

  it('exits 2 for an unknown flag and a missing argument, 1 for a refused operation', async () => {
    const ws = await tempWorkspace()
    expect((await ws.tk('ls', '--bogus')).code).toBe(2)
    expect((await ws.tk('get')).code).toBe(2)
    expect((await ws.tk('add')).code).toBe(2)
    expect((await ws.tk('get', 'TK-T-9')).code).toBe(1)
  })

  it('prints errors as JSON on stderr with --json', async () => {
    const ws = await tempWorkspace()
    const r = await ws.tk('get', 'TK-T-9', '--json')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(JSON.parse(r.stderr)).toEqual({
      error: 'ticket TK-T-9 not found',
      hint: 'list tickets with tk ls',
    })
  })

  it('prints help for the program and for a command', async () => {
    const ws = await tempWorkspace({ init: false })
    const all = await ws.tk('help')
    expect(all.code).toBe(0)
    expect(all.stdout).toMatch(/claim\s+Take a ticket/)
    const one = await ws.tk('claim', '-h')
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/--dry-run/)
    expect((await ws.tk('help', 'nothing')).code).toBe(2)
    expect((await ws.tk('--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('shows the environment in help but never a password', async () => {
    const ws = await tempWorkspace({ init: false })
    const { runTk } = await import('../support/workspace.ts')
    const r = await runTk(['help'], {
      cwd: ws.dir,
      env: { TICKET_PASSWORD: 'hunter2-secret', AGENT_PASSWORD: 'agent-secret' },
    })
    expect(r.stdout).toMatch(/TICKET_PASSWORD\s+<set>/)
    expect(r.stdout).not.toMatch(/hunter2|agent-secret/)
  })
})
