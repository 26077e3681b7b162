import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ONBOARD, SKILL } from '../agent-docs.ts'
import type { Run } from '../command.ts'

export const skill: Run = async (c) => {
  if (c.bool('install')) {
    const path = join(c.cwd, '.claude', 'skills', 'tk', 'SKILL.md')
    mkdirSync(join(c.cwd, '.claude', 'skills', 'tk'), { recursive: true })
    writeFileSync(path, SKILL)
    c.out.data({ path }, (d) => `wrote ${d.path}`)
    return
  }
  c.out.data({ content: SKILL }, (d) => d.content)
}

export const onboard: Run = async (c) => {
  c.out.data({ content: ONBOARD }, (d) => d.content)
}
