import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type Workflow = { id: number; name: string; stages: { name: string; role: string | null }[] }
type Change = { workflow: Workflow | null; stages: string[]; moved: { key: string }[] }

describe('tk workflow', () => {
  it('lists, shows, creates, edits, exports, imports and deletes workflows', async () => {
    const ws = await tempWorkspace()
    const list = await ws.tk('workflow', 'list')
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/default\s+design → develop → test → done/)
    expect((await ws.tk('workflow', 'get', 'default')).stdout).toMatch(
      /Name\s+: default[\s\S]*0\s+\d+\s+design\s+BA/,
    )
    const created = await ws.json<Workflow>(
      'workflow',
      'create',
      '-name',
      'kanban',
      '-stages',
      'todo,doing,done',
      '-d',
      'a board',
    )
    expect(created.stages.map((s) => s.name)).toEqual(['todo', 'doing', 'done'])
    const added = await ws.tk(
      'workflow',
      'add-stage',
      '-id',
      'kanban',
      '-name',
      'review',
      '-role',
      'Reviewer',
      '-order',
      '2',
    )
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/added stage review to kanban/)
    const reordered = await ws.json<Workflow>(
      'workflow',
      'reorder-stages',
      'kanban',
      'doing,todo,review,done',
    )
    expect(reordered.stages.map((s) => s.name)).toEqual(['doing', 'todo', 'review', 'done'])
    expect((await ws.tk('workflow', 'remove-stage', 'kanban', '-stage', 'review')).code).toBe(0)

    const file = join(ws.dir, 'kanban.json')
    expect((await ws.tk('workflow', 'export', 'kanban', '-o', file)).stdout).toMatch(
      /exported workflow kanban/,
    )
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      name: 'kanban',
      stages: [{ stage_name: 'doing' }, { stage_name: 'todo' }, { stage_name: 'done' }],
    })
    const stdout = await ws.tk('workflow', 'export', 'kanban')
    expect(JSON.parse(stdout.stdout).name).toBe('kanban')
    const dup = await ws.tk('workflow', 'import', file)
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(/error: a workflow named "kanban" already exists\nhint: .*-name NEW/)
    const imported = await ws.json<Workflow>('workflow', 'import', '-i', file, '-name', 'board')
    expect(imported.name).toBe('board')
    expect((await ws.tk('workflow', 'delete', 'board')).stdout).toMatch(/deleted workflow board/)
    expect((await ws.tk('workflow', 'get', 'board')).code).toBe(1)
  })

  it('sets a workflow on the project and on a ticket, listing what moved', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'first')
    await ws.tk('add', 'second')
    await ws.tk('complete', '2')
    await ws.tk('workflow', 'create', 'kanban', '-stages', 'todo,develop,done')
    const set = await ws.tk('workflow', 'set', 'kanban')
    expect(set.code).toBe(0)
    expect(set.stdout).toMatch(
      /set workflow kanban on project TK\nstages: todo → develop → done\nmoved 1 ticket\(s\):\n {2}TK-T-1 {2}design\/idle → todo\/idle/,
    )
    const t = await ws.json<Change>('workflow', 'set', '-id', 'yolo', '-ticket', 'TK-T-1')
    expect(t.stages).toEqual(['develop', 'done'])
    expect(t.moved.map((m) => m.key)).toEqual(['TK-T-1'])
    expect((await ws.tk('get', 'TK-T-1')).stdout).toMatch(/Workflow\s+: \[develop\] → done/)
    const unset = await ws.tk('workflow', 'unset', '-ticket', 'TK-T-1')
    expect(unset.stdout).toMatch(/cleared the workflow of ticket TK-T-1 \(now its project's\)/)
    expect((await ws.json<Change>('workflow', 'unset')).stages).toEqual([
      'design',
      'develop',
      'test',
      'done',
    ])
  })

  it('explains every refusal and exits non-zero', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'first')
    const inUse = await ws.tk('workflow', 'delete', 'default')
    expect(inUse.code).toBe(1)
    expect(inUse.stderr).toMatch(/error: workflow default is in use by projects TK\nhint: /)
    const stranded = await ws.tk('workflow', 'remove-stage', 'default', '-stage', 'design')
    expect(stranded.code).toBe(1)
    expect(stranded.stderr).toMatch(/tickets are in stage design of workflow default: TK-T-1/)
    const json = await ws.tk('workflow', 'get', 'nope', '--json')
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stderr)).toEqual({
      error: 'workflow "nope" not found',
      hint: 'list workflows with tk workflow list',
    })
    const usage = await ws.tk('workflow', 'get')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/error: which workflow\?/)
    expect((await ws.tk('workflow', 'create', '-name', 'bad name')).code).toBe(2)
    expect((await ws.tk('workflow', 'import', join(ws.dir, 'missing.json'))).stderr).toMatch(
      /cannot read/,
    )
    expect((await ws.tk('workflow', 'reorder-stages', 'default')).code).toBe(2)
  })

  it('prints the verbs of a group given without one, and refuses unknown verbs', async () => {
    const ws = await tempWorkspace()
    const usage = await ws.tk('workflow')
    expect(usage.code).toBe(0)
    expect(usage.stdout).toMatch(
      /^tk workflow <command>[\s\S]*workflow reorder-stages\s+Put the stages/,
    )
    expect((await ws.tk('help', 'team')).stdout).toMatch(/team add-member/)
    const bad = await ws.tk('team', 'frobnicate')
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'error: unknown team command "frobnicate"\nhint: see the team commands with: tk team\n',
    ])
  })
})
