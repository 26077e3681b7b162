import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type Label = { id: number; name: string; color: string; tickets: number }
type T = { key: string; labels: string[] }

describe('tk label', () => {
  it('creates, lists, adds, shows, filters, removes and deletes labels', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Fix login')
    await ws.tk('add', 'Write docs')
    const created = await ws.tk('label', 'create', '-name', 'urgent', '-color', 'red')
    expect(created).toMatchObject({ code: 0, stdout: 'label created: 1 urgent (red)\n' })
    const backend = await ws.json<Label>('label', 'create', 'backend')
    expect(backend).toMatchObject({ id: 2, name: 'backend', color: '', tickets: 0 })
    expect((await ws.tk('label', 'ls')).stdout).toMatch(
      /^ID\s+NAME\s+COLOR\s+TICKETS\n2\s+backend\s+-\s+0\n1\s+urgent\s+red\s+0\n$/,
    )
    expect((await ws.tk('label', 'add', 'TK-T-1', '1')).stdout).toBe('TK-T-1 labels: urgent\n')
    const both = await ws.json<T>('label', 'add', '-id', '1', 'URGENT,backend')
    expect(both.labels).toEqual(['backend', 'urgent'])
    expect((await ws.tk('label', 'show', '1')).stdout).toMatch(/backend[\s\S]*urgent/)
    expect((await ws.json<T[]>('ls', '-label', 'Urgent')).map((t) => t.key)).toEqual(['TK-T-1'])
    expect((await ws.tk('ls', '-label', 'nothing')).stdout).toMatch(/no tickets/)
    expect((await ws.tk('get', '1')).stdout).toMatch(/Labels\s+: backend, urgent/)
    expect((await ws.tk('label', 'update', 'backend', '-color', '#00f')).stdout).toBe(
      'label updated: 2 backend (#00f)\n',
    )
    expect((await ws.tk('label', 'update', 'backend')).code).toBe(2)
    expect((await ws.tk('label', 'remove', '1', 'urgent')).stdout).toBe('TK-T-1 labels: backend\n')
    expect((await ws.tk('label', 'delete', 'urgent')).stdout).toBe('deleted label urgent\n')
    expect((await ws.tk('history', '1')).stdout).toMatch(
      /labelled urgent[\s\S]*label urgent removed/,
    )
    expect((await ws.tk('label', 'show', '2')).stdout).toBe('no labels\n')
  })

  it('explains what is wrong and exits non-zero', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'x')
    await ws.tk('label', 'create', 'urgent')
    await ws.tk('label', 'add', '1', 'urgent')
    const dup = await ws.tk('label', 'create', 'Urgent')
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(/^error: project TK already has a label "urgent"$/m)
    expect(dup.stderr).toMatch(/^hint: /m)
    const inUse = await ws.tk('label', 'delete', 'urgent')
    expect(inUse.code).toBe(1)
    expect(inUse.stderr).toMatch(/label "urgent" is on 1 ticket\(s\): TK-T-1/)
    expect(inUse.stderr).toMatch(/-force/)
    expect((await ws.tk('label', 'delete', 'urgent', '-force')).code).toBe(0)
    expect(await ws.json<T>('get', '1')).toMatchObject({ labels: [] })
    await ws.tk('label', 'create', 'real')
    expect((await ws.tk('label', 'add', '1', 'real,nope')).stderr).toMatch(/label "nope" not found/)
    expect((await ws.json<T>('get', '1')).labels).toEqual([])
    const unknown = await ws.tk('label', 'add', '1', 'nope', '--json')
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: expect.stringMatching(/nope/) })
    const colour = await ws.tk('label', 'create', 'x', '-color', 'rgb(1,2,3)')
    expect(colour).toMatchObject({ code: 2, stderr: expect.stringMatching(/invalid colour/) })
    expect((await ws.tk('label', 'create')).code).toBe(2)
    expect((await ws.tk('label', 'add', '1')).code).toBe(2)
    expect((await ws.tk('label', 'add', 'TK-T-9', 'x')).code).toBe(1)
    await ws.tk('label', 'delete', 'real')
    expect((await ws.tk('label', 'ls')).stdout).toBe('no labels\n')
  })

  it('lists the label commands when given no verb, and names a wrong one', async () => {
    const ws = await tempWorkspace()
    const group = await ws.tk('label')
    expect(group.code).toBe(0)
    expect(group.stdout).toMatch(/^tk label <command>\n\nCommands:\n {2}label create/)
    const wrong = await ws.tk('label', 'frobnicate')
    expect(wrong).toMatchObject({
      code: 2,
      stderr:
        'error: unknown label command "frobnicate"\nhint: see the label commands with: tk label\n',
    })
  })
})
