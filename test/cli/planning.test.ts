import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

type Story = { id: number; status: string; tickets: unknown[] }

describe('tk story', () => {
  it('writes stories, links tickets and walks the review path', async () => {
    const ws = await tempWorkspace()
    expect(
      (
        await ws.tk('story', 'create', 'As a customer I reset my password', '-d', 'so I can log in')
      ).stdout.trim(),
    ).toBe('story 1: As a customer I reset my password (draft)')
    // `tk story "title"` still creates a story-type ticket; `story create` the user story.
    expect((await ws.tk('story', 'Reset page')).stdout.trim()).toBe('TK-Y-1')
    expect((await ws.tk('story', 'link', '1', 'TK-Y-1')).stdout).toMatch(/linked TK-Y-1 to story 1/)
    expect((await ws.tk('story', 'list')).stdout).toMatch(/1\s+draft\s+1\s+As a customer/)
    expect((await ws.tk('story', 'get', '1')).stdout).toMatch(/Status\s+: draft[\s\S]*TK-Y-1/)
    const jump = await ws.tk('story', 'update', '1', '-status', 'done')
    expect([jump.code, jump.stderr]).toEqual([
      1,
      'error: a story cannot go from draft to done\nhint: from draft it can go to: ready_for_review\n',
    ])
    const next = await ws.json<Story>('story', 'update', '1', '-status', 'ready_for_review')
    expect(next.status).toBe('ready_for_review')
    expect((await ws.json<Story[]>('story', 'list', '-status', 'ready_for_review')).length).toBe(1)
    expect((await ws.json<Story>('story', 'unlink', '1', '-ticket', 'TK-Y-1')).tickets).toEqual([])
    expect((await ws.tk('story', 'delete', '1')).stdout).toMatch(/deleted story 1/)
    expect((await ws.tk('get', 'TK-Y-1')).code).toBe(0)
    expect((await ws.tk('story', 'get', '1')).stderr).toMatch(/story 1 not found/)
    expect((await ws.tk('story', 'get', 'abc')).code).toBe(2)
    expect((await ws.tk('story', 'create')).code).toBe(2)
  })
})

describe('tk idea, review, accept, reject, revise, curate, decision', () => {
  it('captures and reviews requirements', async () => {
    const ws = await tempWorkspace()
    expect((await ws.tk('idea', 'new', 'Dark mode')).stdout.trim()).toBe('TK-R-1')
    expect((await ws.tk('idea', 'Offline')).stdout.trim()).toBe('TK-R-2')
    expect((await ws.tk('review')).stdout).toMatch(/TK-R-1\s+proposed\s+design\/idle\s+Dark mode/)
    const accepted = await ws.tk('accept', 'requirement', 'TK-R-1')
    expect(accepted.stdout).toMatch(/accepted TK-R-1\n.*TK-R-1\s+develop\/idle/)
    const rejected = await ws.json<{ review_status: string; status: string }>(
      'reject',
      'TK-R-2',
      '-m',
      'not now',
    )
    expect(rejected).toMatchObject({ review_status: 'rejected', status: 'design/fail' })
    const again = await ws.tk('accept', 'TK-R-2')
    expect(again.stderr).toMatch(/requirement TK-R-2 was rejected\nhint: revise it first/)
    expect((await ws.tk('revise', 'TK-R-2', '-d', 'read-only offline')).stdout).toMatch(
      /revised TK-R-2/,
    )
    expect((await ws.tk('idea', 'ls', '-status', 'revised')).stdout).toMatch(/TK-R-2\s+revised/)
    expect((await ws.tk('review', 'accepted')).stdout).toMatch(/TK-R-1/)
    expect((await ws.tk('review', '-status', 'maybe')).stderr).toMatch(
      /unknown review status "maybe"/,
    )
    expect((await ws.tk('idea', 'get', 'TK-R-2')).stdout).toMatch(/read-only offline/)
    await ws.tk('add', 'task')
    expect((await ws.tk('accept', 'TK-T-3')).stderr).toMatch(/TK-T-3 is a task, not a requirement/)
    expect((await ws.tk('accept')).code).toBe(2)
  })

  it('curates a requirement from tickets and records decisions', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'Reset is slow')
    await ws.tk('bug', 'Token expires')
    const r = await ws.json<{ key: string; description: string }>(
      'curate',
      '1',
      '2',
      '-title',
      'Fast reset',
    )
    expect(r.key).toBe('TK-R-3')
    expect(r.description).toBe('Curated from:\n- TK-T-1: Reset is slow\n- TK-B-2: Token expires')
    expect((await ws.tk('history', 'TK-T-1')).stdout).toMatch(/curated into/)
    expect((await ws.tk('curate')).code).toBe(2)
    expect((await ws.tk('decision', 'add', 'Use SQLite for local mode')).stdout.trim()).toBe(
      'recorded decision TK-D-4: Use SQLite for local mode',
    )
    expect((await ws.tk('decision', 'list')).stdout).toMatch(
      /TK-D-4\s+\d{4}-\d{2}-\d{2}\s+Use SQLite/,
    )
    expect((await ws.json<unknown[]>('decision', 'list')).length).toBe(1)
    expect((await ws.tk('decision', 'add')).code).toBe(2)
  })
})
