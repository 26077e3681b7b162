import { expect, it } from 'vitest'
import { COMMANDS } from './program.ts'
import { renderReference } from './reference.ts'

it('docs/cli.md matches the command table', async () => {
  await expect(renderReference(COMMANDS)).toMatchFileSnapshot('../../docs/cli.md')
})

it('gives every command a summary and unique names', () => {
  const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])])
  expect(new Set(names).size).toBe(names.length)
  for (const c of COMMANDS) expect(c.summary.length).toBeGreaterThan(5)
})
