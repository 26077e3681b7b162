import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

describe('instructions for agents', () => {
  it('tk skill prints the skill file the repository ships', async () => {
    const ws = await tempWorkspace({ init: false })
    const r = await ws.tk('skill')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      readFileSync(new URL('../../.claude/skills/tk/SKILL.md', import.meta.url), 'utf8'),
    )
    expect(r.stdout).toMatch(/tk claim --json/)
    const installed = await ws.json<{ path: string }>('skill', '--install')
    expect(readFileSync(installed.path, 'utf8')).toBe(r.stdout)
  })

  it('tk onboard prints instructions; tk completion prints scripts for three shells', async () => {
    const ws = await tempWorkspace({ init: false })
    expect((await ws.tk('onboard')).stdout).toMatch(/tk next --json/)
    expect((await ws.tk('completion', 'bash')).stdout).toMatch(/complete -F _tk tk ticket/)
    expect((await ws.tk('completion', 'fish')).stdout).toMatch(/complete -c tk/)
    expect((await ws.tk('completion', 'zsh')).stdout).toMatch(/#compdef tk/)
    expect((await ws.tk('completion', 'tcsh')).code).toBe(2)
  })
})
