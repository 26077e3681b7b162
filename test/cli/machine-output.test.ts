import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

// Issue "output for machines": what an agent reads when it pipes `tk … --json`.
describe('JSON for machines', () => {
  it('is one line when piped, indented with --pretty, the same data either way', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'First')
    await ws.tk('add', 'Second')
    const piped = await ws.tk('ls', '--json')
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(1)
    const pretty = await ws.tk('ls', '--json', '--pretty')
    expect(pretty.stdout.split('\n').length).toBeGreaterThan(10)
    expect(pretty.stdout).toContain('\n  {\n    "id": "TK-T-2"')
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(piped.stdout))
  })

  it('--fields refuses unknown names with a usage error that lists the valid ones', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'One')
    for (const args of [
      ['ls', '--json', '--fields', 'key,nosuch,titel'],
      ['claim', '--json', '--fields', 'key,nosuch,titel'],
    ]) {
      const r = await ws.tk(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stdout).toBe('')
      const error = JSON.parse(r.stderr) as { error: string; hint: string }
      expect(error.error).toBe('unknown fields for --fields: nosuch, titel')
      expect(error.hint).toMatch(/^valid fields: id, key, .*\btitle\b.*\bstatus\b/)
    }
  })

  it('NO-WORK counts each thing in the way, and a dry run by key agrees with a claim', async () => {
    const ws = await tempWorkspace()
    const add = async (title: string) => (await ws.json<{ key: string }>('add', title)).key
    const [notReady, backInDesign, waits, held] = [
      await add('not ready'),
      await add('ready, moved back to design'),
      await add('waits for the held one'),
      await add('held by someone'),
    ] as [string, string, string, string]
    for (const k of [backInDesign, waits, held]) await ws.tk('ready', k)
    await ws.tk('stage', backInDesign, 'design')
    await ws.tk('dep', 'add', waits, held)
    await ws.tk('user', 'create', '-username', 'bob', '-password', 'pw-long-enough')
    await ws.tk('project', 'add-user', 'bob', '-role', 'editor')
    await ws.tk('assign', held, 'bob')
    const empty = await ws.json<{ status: string; reason: string; counts: object }>('claim')
    expect(empty).toMatchObject({
      status: 'NO-WORK',
      counts: { not_ready: 1, not_in_work_stage: 1, blocked: 1, assigned: 1 },
    })
    expect(empty.reason).toBe(
      'nothing is claimable: 1 ticket is not marked ready (tk ready KEY queues one); 1 ready ticket is not at the work stage; 1 ready ticket is blocked by unfinished dependencies; 1 ready ticket is held by someone',
    )
    // By key, a person's explicit choice: a dry run says what the claim then does.
    const dry = await ws.json<{ status: string }>('claim', notReady, '--dry-run')
    expect(dry.status).toBe('AVAILABLE')
    const blocked = await ws.tk('claim', waits, '--dry-run', '--json')
    expect(blocked.code).toBe(1)
    expect(JSON.parse(blocked.stderr).error).toBe(
      `cannot claim ${waits}: ticket is blocked by ${held}`,
    )
  })
})
