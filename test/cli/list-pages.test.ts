import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk } from '../support/workspace.ts'

describe('tk ls -n 0 across more than one page (1,000 rows a read)', () => {
  it('returns every ticket exactly once, in the order of one unpaged read', async () => {
    const dir = tempDir('tk-pages-')
    const home = join(dir, '.ticket')
    await seedWorkspace(home, 2500)
    const tk = (...args: string[]) => runTk(args, { cwd: dir, env: { TICKET_HOME: home } })

    const whole = await tk('ls', '-n', '0', '--plain')
    expect(whole.code).toBe(0)
    const keys = whole.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t')[0])
    expect(keys).toHaveLength(2500)
    expect(new Set(keys).size).toBe(2500)
    // One read of them all (no paging) gives the same text.
    expect(whole.stdout).toBe((await tk('ls', '-n', '3000', '--plain')).stdout)

    const json = await tk('ls', '-n', '0', '--json')
    expect(json.stdout).toBe((await tk('ls', '-n', '3000', '--json')).stdout)
    expect((JSON.parse(json.stdout) as { key: string }[]).map((t) => t.key)).toEqual(keys)
    const pretty = await tk('ls', '-n', '0', '--json', '--pretty', '--fields', 'key,title')
    expect(pretty.stdout).toBe(
      (await tk('ls', '-n', '3000', '--json', '--pretty', '--fields', 'key,title')).stdout,
    )

    const table = (await tk('ls', '-n', '0')).stdout.trimEnd().split('\n')
    expect(table[0]).toMatch(/^ID\s+TYPE\s+TITLE/)
    expect(table.filter((l) => l.startsWith('ID'))).toHaveLength(1)
    expect(table.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(keys)
  })

  it('an empty whole list is [] in --json and says so in a table', async () => {
    const dir = tempDir('tk-pages-')
    const home = join(dir, '.ticket')
    await seedWorkspace(home, 0)
    const tk = (...args: string[]) => runTk(args, { cwd: dir, env: { TICKET_HOME: home } })
    expect((await tk('ls', '-n', '0', '--json')).stdout).toBe('[]\n')
    expect((await tk('ls', '-n', '0')).stdout).toMatch(/no tickets in TK match/)
  })
})
