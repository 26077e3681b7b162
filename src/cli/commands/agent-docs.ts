import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ONBOARD, SKILL } from '../agent-docs.ts'
import type { Run } from '../command.ts'

/** Writes the skill file where Claude Code looks for it (`tk skill -install`, `tk init -skill`). */
export function installSkill(cwd: string): string {
  const dir = join(cwd, '.claude', 'skills', 'tk')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'SKILL.md')
  writeFileSync(path, SKILL)
  return path
}

export const skill: Run = async (c) => {
  if (c.bool('install')) {
    c.out.data({ path: installSkill(c.cwd) }, (d) => `wrote ${d.path}`)
    return
  }
  c.out.data({ content: SKILL }, (d) => d.content)
}

export const onboard: Run = async (c) => {
  c.out.data({ content: ONBOARD }, (d) => d.content)
}
