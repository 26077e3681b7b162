import { describe, expect, it, onTestFinished } from 'vitest'
import type { Workflow } from '../../src/domain/workflow.ts'
import { ADMIN_PASSWORD, signedIn, startTestServer } from '../support/server.ts'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

/** tk -g on a local workspace, or on a fresh server; `workflows()` reads what was saved. */
async function open(mode: 'local' | 'remote') {
  if (mode === 'local') {
    const ws = await tempWorkspace()
    return {
      t: openTmux(ws, ['-g']),
      workflows: () => ws.json<Workflow[]>('workflow', 'list'),
    }
  }
  const server = await startTestServer()
  onTestFinished(() => server.close())
  const admin = await signedIn(server)
  const ws = await tempWorkspace({ init: false })
  return {
    t: openTmux(ws, ['-g'], {
      TICKET_URL: server.url,
      TICKET_USERNAME: 'admin',
      TICKET_PASSWORD: ADMIN_PASSWORD,
    }),
    workflows: () => admin.listWorkflows(),
  }
}

const stagesOf = (ws: Workflow[], name: string) =>
  ws.find((w) => w.name === name)?.stages.map((s) => s.name)

describe.each(['local', 'remote'] as const)('the Workflows tab, %s (tmux)', (mode) => {
  it('lists workflows, adds, reorders and removes stages, creates and deletes a workflow', async () => {
    const { t, workflows } = await open(mode)
    await t.waitFor('Recent activity')
    await t.send('6')
    await t.waitFor((s) => s.includes('▸ default (4 stages)') && s.includes('▸ yolo (2 stages)'))

    // Enter opens a workflow on its numbered stages.
    await t.send('Enter')
    await t.waitFor(/▾ default \(4 stages\)[\s\S]*1\. design[\s\S]*4\. done/)

    await t.send('n')
    await t.waitFor('new stage in default')
    await t.type('review')
    await t.send('Enter')
    await t.waitFor('5. review')
    expect(stagesOf(await workflows(), 'default')).toEqual([
      'design',
      'develop',
      'test',
      'done',
      'review',
    ])

    // The cursor stays on the stage it moves: two presses take it two places up.
    await t.send('j', 'j', 'j', 'j', 'j', 'K', 'K')
    await t.waitFor(/3\. review\s*\n\s*4\. test.*\n\s*5\. done/)
    expect(stagesOf(await workflows(), 'default')).toEqual([
      'design',
      'develop',
      'review',
      'test',
      'done',
    ])
    await t.send('x')
    await t.waitFor((s) => s.includes('removed stage review') && s.includes('(4 stages)'))
    expect(stagesOf(await workflows(), 'default')).toEqual(['design', 'develop', 'test', 'done'])

    await t.send('N')
    await t.waitFor('new workflow')
    await t.type('kanban todo,doing,done')
    await t.send('Enter')
    await t.waitFor(/▾ kanban \(3 stages\)[\s\S]*1\. todo[\s\S]*3\. done/)
    expect(stagesOf(await workflows(), 'kanban')).toEqual(['todo', 'doing', 'done'])

    // default, its four stages, then kanban.
    await t.send('g', 'j', 'j', 'j', 'j', 'j', 'D')
    await t.waitFor('delete workflow kanban? (y/n)')
    await t.send('y')
    await t.waitFor((s) => s.includes('deleted workflow kanban') && !s.includes('▾ kanban'))
    expect((await workflows()).map((w) => w.name)).toEqual(['default', 'yolo'])
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  })
})
