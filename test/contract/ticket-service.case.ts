import { describe, expect, it, onTestFinished } from 'vitest'
import { TicketError } from '../../src/domain/errors.ts'
import { TICKET_FIELDS, type Ticket } from '../../src/domain/ticket.ts'
import { TICKET_SORTS, type TicketSort } from '../../src/domain/ticket-sort.ts'
import type { TicketFilter, TicketService } from '../../src/service/ticket-service.ts'

export type OpenService = () => Promise<TicketService>

/** Expects `p` to fail with a TicketError of `code` whose message matches `message`. */
export async function expectError(
  p: Promise<unknown>,
  code: TicketError['code'],
  message?: RegExp,
) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e, 'expected the call to fail').toBeInstanceOf(TicketError)
  expect((e as TicketError).code).toBe(code)
  if (message) expect((e as TicketError).message).toMatch(message)
}

/**
 * The behaviour every TicketService implementation shares (domain.md). Run by
 * local.test.ts against LocalService and by http.test.ts against HttpService.
 */
export function describeTicketService(name: string, open: OpenService) {
  const service = async () => {
    const svc = await open()
    onTestFinished(() => svc.close())
    return svc
  }
  /** A service with project CUS and a helper to make leaf tickets ready to claim. */
  const withProject = async () => {
    const svc = await service()
    await svc.createProject({ prefix: 'CUS', title: 'Customer Portal' })
    const ready = async (title: string, priority = 3) => {
      const t = await svc.createTicket({ project: 'CUS', title, priority })
      await svc.setStage(t.key, 'develop')
      return svc.setFlag(t.key, 'ready', true)
    }
    return { svc, ready }
  }

  describe(`${name}: projects`, () => {
    it('creates, lists, gets, updates and closes projects', async () => {
      const svc = await service()
      const p = await svc.createProject({
        prefix: 'cus',
        title: 'Customer Portal',
        description: 'd',
      })
      expect(p).toMatchObject({
        prefix: 'CUS',
        title: 'Customer Portal',
        status: 'open',
        visibility: 'public',
      })
      expect((await svc.listProjects()).map((x) => x.prefix)).toEqual(['TK', 'CUS'])
      expect((await svc.getProject('cus')).id).toBe(p.id)
      expect((await svc.getProject(String(p.id))).prefix).toBe('CUS')
      expect((await svc.updateProject('CUS', { title: 'Portal' })).title).toBe('Portal')
      expect((await svc.updateProject('CUS', { status: 'closed' })).status).toBe('closed')
    })

    it('refuses bad and duplicate prefixes and titles', async () => {
      const svc = await service()
      await expectError(svc.createProject({ prefix: 'C', title: 'x' }), 'invalid', /2 to 5 letters/)
      await expectError(svc.createProject({ prefix: 'TOOLONG', title: 'x' }), 'invalid')
      await expectError(svc.createProject({ prefix: 'C1', title: 'x' }), 'invalid')
      await expectError(svc.createProject({ prefix: 'TK', title: 'x' }), 'conflict', /prefix/)
      await expectError(
        svc.createProject({ prefix: 'AB', title: 'Default Project' }),
        'conflict',
        /title/,
      )
      await expectError(svc.createProject({ prefix: 'AB', title: '  ' }), 'invalid')
      await expectError(svc.getProject('NOPE'), 'not_found')
    })

    it('a closed project takes no new tickets and no lifecycle changes until reopened', async () => {
      const svc = await service()
      await svc.createProject({ prefix: 'CUS', title: 'Customer Portal' })
      const t = await svc.createTicket({ project: 'CUS', title: 'a' })
      await svc.updateProject('CUS', { status: 'closed' })
      await expectError(svc.createTicket({ project: 'CUS', title: 'b' }), 'conflict', /closed/)
      await expectError(svc.setState(t.key, 'active'), 'conflict', /closed/)
      await svc.updateProject('CUS', { status: 'open' })
      expect((await svc.setState(t.key, 'active')).status).toBe('design/active')
    })

    it('deletes a project with its tickets', async () => {
      const svc = await service()
      await svc.createProject({ prefix: 'CUS', title: 'Customer Portal' })
      const e = await svc.createTicket({ project: 'CUS', title: 'e', type: 'epic' })
      await svc.createTicket({ project: 'CUS', title: 'c', parent: e.key })
      await svc.deleteProject('CUS')
      await expectError(svc.getProject('CUS'), 'not_found')
      await expectError(svc.getTicket(e.key), 'not_found')
    })
  })

  describe(`${name}: tickets`, () => {
    it('answers a plain create with the ticket as a read shows it', async () => {
      // Built from the row as written, not read again (decisions 0042, 0049).
      const { svc } = await withProject()
      const t = await svc.createTicket({
        project: 'CUS',
        title: 'as written',
        type: 'bug',
        priority: 2,
        description: 'd',
      })
      const read = await svc.getTicket(t.key)
      expect(read).toMatchObject(t)
      expect(Object.keys(read)).toEqual(expect.arrayContaining(Object.keys(t)))
    })

    it('refuses NUL and bidi overrides in titles and counts the limit in characters', async () => {
      const { svc } = await withProject()
      await expectError(svc.createTicket({ project: 'CUS', title: 'a\0b' }), 'invalid', /NUL/)
      await expectError(
        svc.createTicket({ project: 'CUS', title: 'invoice\u202Efdp.exe' }),
        'invalid',
        /bidirectional control character \(U\+202E\)/,
      )
      const t = await svc.createTicket({ project: 'CUS', title: '🚀'.repeat(500) })
      expect([...t.title]).toHaveLength(500)
      await expectError(
        svc.updateTicket(t.key, { title: 'x\u2067y' }),
        'invalid',
        /bidirectional control character \(U\+2067\)/,
      )
      await expectError(
        svc.createTicket({ project: 'CUS', title: '🚀'.repeat(501) }),
        'invalid',
        /501 characters/,
      )
      await expectError(
        svc.createProject({ prefix: 'BD', title: 'a\u202Db' }),
        'invalid',
        /U\+202D/,
      )
    })

    it('answers with every field the domain names, and takes each editable one the same way', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({
        project: 'CUS',
        title: '  Spaced  title ',
        description: ' d ',
        git_branch: ' main ',
        priority: 2,
        estimate_effort: 5,
        estimate_complete: '2026-03-01',
      })
      expect(Object.keys(t).sort()).toEqual([...TICKET_FIELDS].sort())
      expect(t).toMatchObject({
        title: 'Spaced title',
        description: 'd',
        git_repository: '',
        git_branch: 'main',
        priority: 2,
        sort_order: 0,
        estimate_effort: 5,
        estimate_complete: '2026-03-01T00:00:00.000Z',
      })
      const u = await svc.updateTicket(t.key, { sort_order: 4, estimate_complete: null })
      expect(u).toMatchObject({ sort_order: 4, estimate_complete: null, estimate_effort: 5 })
      await expectError(svc.updateTicket(t.key, { estimate_effort: -1 }), 'invalid', /estimate/)
      await expectError(
        svc.createTicket({ project: 'CUS', title: 'x', estimate_complete: 'soon' }),
        'invalid',
        /invalid date "soon"/,
      )
    })

    it('counts what a filter matches, whatever the page', async () => {
      const { svc } = await withProject()
      for (const title of ['a', 'b', 'c']) await svc.createTicket({ project: 'CUS', title })
      await svc.createTicket({ project: 'CUS', title: 'd', type: 'bug' })
      expect(await svc.countTickets({ project: 'CUS', limit: 1 })).toBe(4)
      expect(await svc.countTickets({ project: 'CUS', type: 'bug' })).toBe(1)
      await svc.setFlag('CUS-T-1', 'open', false)
      expect(await svc.countTickets({ project: 'CUS' })).toBe(3)
      expect(await svc.countTickets({ project: 'CUS', closed: true })).toBe(4)
      // Each shape of filter counts what the list of it holds (the per-project counts answer
      // some shapes, the tickets the others).
      await svc.setStage('CUS-T-2', 'develop')
      await svc.setState('CUS-T-2', 'active')
      await svc.setFlag('CUS-T-3', 'archived', true)
      await svc.assign('CUS-B-4', 'admin')
      const filters: TicketFilter[] = [
        { project: 'CUS' },
        { project: 'CUS', closed: true },
        { project: 'CUS', archived: true },
        { project: 'CUS', stage: 'develop' },
        { project: 'CUS', stage: 'design', closed: true },
        { project: 'CUS', state: 'active' },
        { project: 'CUS', status: 'develop/active' },
        { project: 'CUS', type: 'bug', archived: true },
        { project: 'CUS', assignee: 'admin' },
        { project: 'CUS', type: 'epic' },
        {},
      ]
      for (const f of filters)
        expect([f, await svc.countTickets(f)]).toEqual([
          f,
          (await svc.listTickets({ ...f, limit: 1000 })).length,
        ])
    })

    it('numbers keys per project across types', async () => {
      const svc = await service()
      await svc.createProject({ prefix: 'CUS', title: 'Customer Portal' })
      const a = await svc.createTicket({ project: 'CUS', title: 'a' })
      const b = await svc.createTicket({ project: 'CUS', title: 'b', type: 'bug' })
      const c = await svc.createTicket({ project: 'CUS', title: 'c', type: 'epic' })
      const t = await svc.createTicket({ project: 'TK', title: 'other project' })
      expect([a.key, b.key, c.key, t.key]).toEqual(['CUS-T-1', 'CUS-B-2', 'CUS-E-3', 'TK-T-1'])
      expect(a).toMatchObject({
        id: 'CUS-T-1',
        project_prefix: 'CUS',
        stage: 'design',
        state: 'idle',
        status: 'design/idle',
        priority: 3,
        ready: false,
        open: true,
        archived: false,
        assignee: null,
        labels: [],
        blocked: [],
      })
    })

    it('never reuses a sequence number after a delete', async () => {
      const { svc } = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a' })
      await svc.deleteTicket(a.key)
      expect((await svc.createTicket({ project: 'CUS', title: 'b' })).key).toBe('CUS-T-2')
    })

    it('finds tickets by key, by prefix-sequence and in any letter case', async () => {
      const { svc } = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a' })
      expect((await svc.getTicket('cus-t-1')).key).toBe(a.key)
      expect((await svc.getTicket('CUS-1')).key).toBe(a.key)
      await expectError(svc.getTicket('CUS-T-99'), 'not_found')
      await expectError(svc.getTicket('not a key!'), 'invalid')
    })

    it('validates title, type, priority and estimate', async () => {
      const { svc } = await withProject()
      await expectError(svc.createTicket({ project: 'CUS', title: '   ' }), 'invalid', /title/)
      await expectError(
        svc.createTicket({ project: 'CUS', title: 'x'.repeat(501) }),
        'invalid',
        /500/,
      )
      await expectError(
        svc.createTicket({ project: 'CUS', title: 'a', type: 'saga' as never }),
        'invalid',
        /type/,
      )
      await expectError(
        svc.createTicket({ project: 'CUS', title: 'a', priority: 0 }),
        'invalid',
        /priority/,
      )
      await expectError(
        svc.createTicket({ project: 'CUS', title: 'a', estimate_complete: 'tomorrow' }),
        'invalid',
        /date/,
      )
      await expectError(svc.createTicket({ project: 'NOPE', title: 'a' }), 'not_found')
      await expectError(
        svc.createTicket({ project: 'CUS', title: 'a', assignee: 'ghost' }),
        'not_found',
        /ghost/,
      )
    })

    it('updates only the fields given and records old and new values', async () => {
      const { svc } = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a', description: 'keep' })
      const u = await svc.updateTicket(a.key, { title: 'renamed', priority: 1 })
      expect(u).toMatchObject({
        title: 'renamed',
        priority: 1,
        description: 'keep',
        status: 'design/idle',
      })
      const [, updated] = await svc.listHistory({ ticket: a.key })
      expect(updated).toMatchObject({
        event_type: 'ticket_updated',
        actor: 'admin',
        payload: { changes: { title: { old: 'a', new: 'renamed' }, priority: { old: 3, new: 1 } } },
      })
      await expectError(svc.updateTicket(a.key, {}), 'invalid', /nothing to update/)
    })

    it('assigns and re-parents in one update, all or nothing, under the rules of assign and setParent', async () => {
      const { svc } = await withProject()
      const epic = await svc.createTicket({ project: 'CUS', title: 'epic', type: 'epic' })
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      const u = await svc.updateTicket(t.key, {
        parent: epic.key,
        assignee: 'admin',
        state: 'active',
      })
      expect(u).toMatchObject({ parent_id: epic.key, assignee: 'admin', state: 'active' })
      await expectError(
        svc.updateTicket(t.key, { assignee: null }),
        'conflict',
        /needs an assignee/,
      )
      const back = await svc.updateTicket(t.key, { state: 'idle', assignee: null, parent: null })
      expect(back).toMatchObject({ parent_id: null, assignee: null, state: 'idle' })
      // A refused parent leaves the title as it was.
      await expectError(svc.updateTicket(epic.key, { title: 'x', parent: t.key }), 'invalid')
      expect((await svc.getTicket(epic.key)).title).toBe('epic')
      await expectError(svc.updateTicket(t.key, { assignee: 'nobody' }), 'not_found')
    })

    it('lists newest change first, hiding closed and archived unless asked', async () => {
      const { svc } = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a', type: 'bug' })
      const b = await svc.createTicket({ project: 'CUS', title: 'b' })
      const c = await svc.createTicket({ project: 'CUS', title: 'c' })
      await svc.setFlag(b.key, 'open', false)
      await svc.setFlag(c.key, 'archived', true)
      const keys = async (f: object) =>
        (await svc.listTickets({ project: 'CUS', ...f })).map((t) => t.key)
      expect(await keys({})).toEqual([a.key])
      expect(await keys({ closed: true })).toEqual([b.key, a.key])
      expect((await keys({ archived: true })).sort()).toEqual([a.key, b.key, c.key].sort())
      expect(await keys({ type: 'bug', archived: true })).toEqual([a.key])
      expect(await keys({ archived: true, limit: 1 })).toHaveLength(1)
    })

    it('answers filters of one shape with their own values, labels and blockers as each ticket has them', async () => {
      // A list page's query is compiled once per shape of filter and then only bound
      // (decision 0040): the same shape asked with other values must not answer the first.
      const { svc } = await withProject()
      await svc.createProject({ prefix: 'OPS', title: 'Operations' })
      const epic = await svc.createTicket({ project: 'CUS', title: 'epic', type: 'epic' })
      const story = await svc.createTicket({ project: 'CUS', title: 'story', type: 'epic' })
      const bug = await svc.createTicket({
        project: 'CUS',
        title: 'bug',
        type: 'bug',
        parent: epic.key,
      })
      const task = await svc.createTicket({ project: 'CUS', title: 'task', parent: story.key })
      const ops = await svc.createTicket({ project: 'OPS', title: 'ops task' })
      for (const name of ['urgent', 'backend']) await svc.createLabel({ project: 'CUS', name })
      await svc.addLabel(bug.key, 'urgent')
      await svc.addLabel(task.key, 'backend')
      await svc.addLabel(task.key, 'urgent')
      await svc.addDependency(task.key, bug.key)
      await svc.setStage(bug.key, 'develop')
      const keys = async (f: object) => (await svc.listTickets(f)).map((t) => t.key)
      expect(await keys({ project: 'CUS', type: 'bug' })).toEqual([bug.key])
      expect(await keys({ project: 'CUS', type: 'task' })).toEqual([task.key])
      expect(await keys({ project: 'OPS', type: 'task' })).toEqual([ops.key])
      expect(await keys({ project: 'CUS', label: 'backend' })).toEqual([task.key])
      expect((await keys({ project: 'CUS', label: 'urgent' })).sort()).toEqual(
        [bug.key, task.key].sort(),
      )
      expect(await keys({ project: 'CUS', parent: epic.key })).toEqual([bug.key])
      expect(await keys({ project: 'CUS', parent: story.key })).toEqual([task.key])
      // The epic's stage follows its only child's.
      expect((await keys({ project: 'CUS', stage: 'develop' })).sort()).toEqual(
        [bug.key, epic.key].sort(),
      )
      expect(await keys({ project: 'CUS', stage: 'design', type: 'task' })).toEqual([task.key])
      expect((await keys({ type: 'task', limit: 10 })).sort()).toEqual([ops.key, task.key].sort())
      expect(await keys({ type: 'bug', limit: 10 })).toEqual([bug.key])
      // Labels and blockers on a page are the ones each ticket's own read gives.
      for (const t of await svc.listTickets({ limit: 0 })) {
        const own = await svc.getTicket(t.key)
        expect({ key: t.key, labels: t.labels, blocked: t.blocked }).toEqual({
          key: own.key,
          labels: own.labels,
          blocked: own.blocked,
        })
      }
      const [onPage] = await svc.listTickets({ project: 'CUS', label: 'backend' })
      expect(onPage).toMatchObject({ labels: ['backend', 'urgent'], blocked: [bug.key] })
    })

    it('pages by key: each page goes on after the last ticket of the one before', async () => {
      const { svc } = await withProject()
      for (const title of ['a', 'b', 'c', 'd', 'e'])
        await svc.createTicket({ project: 'CUS', title })
      const all = (await svc.listTickets({ project: 'CUS' })).map((t) => t.key)
      const pages: string[][] = []
      let after: string | undefined
      for (;;) {
        const page = (
          await svc.listTickets({ project: 'CUS', limit: 2, ...(after ? { after } : {}) })
        ).map((t) => t.key)
        if (page.length === 0) break
        pages.push(page)
        after = page.at(-1)
      }
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1])
      expect(pages.flat()).toEqual(all)
      // The offset form still works, and agrees.
      expect(
        (await svc.listTickets({ project: 'CUS', limit: 2, offset: 2 })).map((t) => t.key),
      ).toEqual(pages[1])
      // A ticket changed while paging moves to the top; the pages after it are unaffected.
      await svc.updateTicket(all[4]!, { title: 'e, renamed' })
      expect((await svc.listTickets({ project: 'CUS', after: all[1]! })).map((t) => t.key)).toEqual(
        all.slice(2, 4),
      )
      await expectError(svc.listTickets({ project: 'CUS', after: 'CUS-T-99' }), 'not_found')
    })

    it('pages in each offered order, ascending and descending, ties broken by creation', async () => {
      const { svc } = await withProject()
      const made = [
        { title: 'delta', type: 'task', priority: 2 },
        { title: 'alpha', type: 'bug', priority: 1 },
        { title: 'delta', type: 'epic', priority: 3 },
        { title: 'charlie', type: 'task', priority: 1 },
        { title: 'bravo', type: 'bug', priority: 2 },
      ] as const
      const keys: string[] = []
      for (const t of made) keys.push((await svc.createTicket({ project: 'CUS', ...t })).key)
      await svc.assign(keys[3]!, 'admin')
      await svc.setStage(keys[1]!, 'develop')
      await svc.setStage(keys[4]!, 'develop')
      await svc.setState(keys[4]!, 'active')
      const tickets = await svc.listTickets({ project: 'CUS' })
      const seq = (key: string) => Number(key.split('-').pop())
      const value = (t: Ticket, by: TicketSort): string | number =>
        by === 'key'
          ? seq(t.key)
          : by === 'status'
            ? `${t.stage} ${t.state}`
            : by === 'assignee'
              ? (t.assignee ?? '')
              : t[by]
      for (const by of TICKET_SORTS)
        for (const order of ['asc', 'desc'] as const) {
          const dir = order === 'asc' ? 1 : -1
          const expected = tickets
            .toSorted((a, b) => {
              const [x, y] = [value(a, by), value(b, by)]
              return (x < y ? -1 : x > y ? 1 : seq(a.key) - seq(b.key)) * dir
            })
            .map((t) => t.key)
          const read: string[] = []
          for (;;) {
            const after = read.at(-1)
            const page = await svc.listTickets({
              project: 'CUS',
              sort: by,
              order,
              limit: 2,
              ...(after ? { after } : {}),
            })
            if (page.length === 0) break
            read.push(...page.map((t) => t.key))
          }
          expect(read, `${by} ${order}`).toEqual(expected)
        }
      // Ascending unless told; newest change first when no order is asked for.
      expect((await svc.listTickets({ project: 'CUS', sort: 'priority' }))[0]?.key).toBe(keys[1])
    })

    it('reads a bounded piece of the graph, counts the rest, and expands a ticket', async () => {
      const { svc } = await withProject()
      const epic = await svc.createTicket({ project: 'CUS', title: 'epic', type: 'epic' })
      const kids: string[] = []
      for (const title of ['one', 'two', 'three'])
        kids.push((await svc.createTicket({ project: 'CUS', title, parent: epic.key })).key)
      const loose = await svc.createTicket({ project: 'CUS', title: 'loose' })
      const gone = await svc.createTicket({ project: 'CUS', title: 'gone', parent: epic.key })
      await svc.setFlag(gone.key, 'archived', true)

      const cut = await svc.ticketGraph({ project: 'CUS', limit: 2 })
      expect(cut.tickets.map((t) => t.key)).toEqual([epic.key, kids[0]])
      expect(cut.total).toBe(5)
      // Open children only: the archived one is not counted.
      expect(cut.children).toEqual({ [epic.key]: 3 })

      const expanded = await svc.ticketGraph({ project: 'CUS', parent: epic.key, limit: 2 })
      expect(expanded.tickets.map((t) => t.key)).toEqual(kids.slice(0, 2))
      expect(expanded.total).toBe(3)
      const whole = await svc.ticketGraph({ project: 'CUS' })
      expect(whole.tickets.map((t) => t.key)).toEqual([epic.key, ...kids, loose.key])
      expect(whole.total).toBe(5)
      const tasks = await svc.ticketGraph({ project: 'CUS', type: 'task', limit: 1 })
      expect(tasks.total).toBe(4)
      await expectError(svc.ticketGraph({ project: 'CUS', limit: 0 }), 'invalid')
      await expectError(svc.ticketGraph({ project: 'NOPE' }), 'not_found')
    })

    it('searches title, description and acceptance criteria, best match first', async () => {
      const { svc } = await withProject()
      await svc.createTicket({ project: 'CUS', title: 'Password reset', description: 'email link' })
      await svc.createTicket({
        project: 'CUS',
        title: 'Login',
        acceptance_criteria: 'wrong password shows an error',
      })
      await svc.createTicket({ project: 'CUS', title: 'Unrelated' })
      const hits = await svc.searchTickets('password', { project: 'CUS' })
      expect(hits.map((t) => t.title)).toEqual(['Password reset', 'Login'])
      expect((await svc.searchTickets('email', { project: 'CUS' })).map((t) => t.title)).toEqual([
        'Password reset',
      ])
      // The index follows every write.
      await svc.updateTicket('CUS-T-3', { title: 'Password policy' })
      expect(await svc.searchTickets('policy', { project: 'CUS' })).toHaveLength(1)
      expect(await svc.searchTickets('"(*', { project: 'CUS' })).toEqual([])
    })

    it('ranks whole-word matches first, then words that only start with the search word', async () => {
      const { svc } = await withProject()
      await svc.createTicket({ project: 'CUS', title: 'catalog catalog catalog' })
      await svc.createTicket({
        project: 'CUS',
        title: 'a cat that sits in a long title among many other words',
      })
      const titles = async (limit?: number) =>
        (
          await svc.searchTickets('cat', {
            project: 'CUS',
            ...(limit === undefined ? {} : { limit }),
          })
        ).map((t) => t.title)
      expect(await titles(1)).toEqual(['a cat that sits in a long title among many other words'])
      expect(await titles()).toEqual([
        'a cat that sits in a long title among many other words',
        'catalog catalog catalog',
      ])
      // Every match, prefixes included.
      expect((await titles(0)).sort()).toEqual([
        'a cat that sits in a long title among many other words',
        'catalog catalog catalog',
      ])
      expect(
        (await svc.searchTickets('catal', { project: 'CUS', limit: 1 })).map((t) => t.title),
      ).toEqual(['catalog catalog catalog'])
    })

    it('finds the best open match even when every better match is closed or elsewhere', async () => {
      const { svc } = await withProject()
      await svc.createProject({ prefix: 'OTH', title: 'Other' })
      for (let i = 0; i < 5; i++) {
        const t = await svc.createTicket({ project: 'CUS', title: 'alpha alpha alpha' })
        await svc.setFlag(t.key, 'open', false)
        await svc.createTicket({ project: 'OTH', title: 'alpha alpha alpha' })
      }
      await svc.createTicket({ project: 'CUS', title: 'alpha beta gamma delta epsilon' })
      const hits = await svc.searchTickets('alpha', { project: 'CUS', limit: 1 })
      expect(hits.map((t) => t.title)).toEqual(['alpha beta gamma delta epsilon'])
      const all = await svc.searchTickets('alpha', { project: 'CUS', limit: 2, closed: true })
      expect(all.map((t) => t.title)).toEqual(['alpha alpha alpha', 'alpha alpha alpha'])
    })

    it('hands every match a page at a time, in the order of one read of them all', async () => {
      const { svc } = await withProject()
      await svc.createProject({ prefix: 'OTH', title: 'Other' })
      for (let i = 0; i < 4; i++) {
        const t = await svc.createTicket({ project: 'CUS', title: `alpha ${'alpha '.repeat(i)}` })
        if (i === 1) await svc.setFlag(t.key, 'open', false)
        await svc.createTicket({ project: 'OTH', title: 'alpha' })
      }
      await svc.createTicket({ project: 'CUS', title: 'alphabet soup' })
      const paged = async (filter: TicketFilter) => {
        const keys: string[] = []
        for await (const page of svc.searchTicketPages('alpha', filter))
          keys.push(...page.map((t) => t.key))
        return keys
      }
      for (const filter of [{ project: 'CUS' }, { project: 'CUS', closed: true }, {}]) {
        const whole = await svc.searchTickets('alpha', { ...filter, limit: 0 })
        expect(whole.length).toBeGreaterThan(2)
        // The filter's limit is not read: every match, as with limit 0.
        expect(await paged({ ...filter, limit: 1 })).toEqual(whole.map((t) => t.key))
      }
      expect(await paged({ project: 'CUS', type: 'bug' })).toEqual([])
      await expectError(paged({ project: 'NOPE' }), 'not_found')
    })

    it('refuses to delete a ticket with children, naming them', async () => {
      const { svc } = await withProject()
      const e = await svc.createTicket({ project: 'CUS', title: 'e', type: 'epic' })
      const c = await svc.createTicket({ project: 'CUS', title: 'c', parent: e.key })
      await expectError(svc.deleteTicket(e.key), 'conflict', new RegExp(c.key))
      await svc.deleteTicket(c.key)
      await svc.deleteTicket(e.key)
      await expectError(svc.getTicket(e.key), 'not_found')
    })
  })

  describe(`${name}: lifecycle`, () => {
    it('auto-advances on success and arrives done/success', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      expect((await svc.setState(t.key, 'success')).status).toBe('develop/idle')
      expect((await svc.setState(t.key, 'success')).status).toBe('test/idle')
      expect((await svc.setState(t.key, 'success')).status).toBe('done/success')
      await expectError(svc.setState(t.key, 'active'), 'conflict', /done/)
      // A stage change reopens a done ticket.
      expect((await svc.setStage(t.key, 'develop')).status).toBe('develop/idle')
    })

    it('active needs an assignee and takes the current user', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      const a = await svc.setState(t.key, 'active')
      expect(a).toMatchObject({ status: 'design/active', assignee: 'admin' })
      await expectError(svc.unassign(t.key), 'conflict', /active/)
    })

    it('fail can be left by idle or active; the final stage takes only success or fail', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      expect((await svc.setState(t.key, 'fail')).status).toBe('design/fail')
      expect((await svc.setState(t.key, 'idle')).status).toBe('design/idle')
      expect((await svc.setStage(t.key, 'done')).status).toBe('done/success')
      await svc.setStage(t.key, 'test')
      await svc.setState(t.key, 'fail')
      expect((await svc.setState(t.key, 'active')).status).toBe('test/active')
      await expectError(svc.setStage(t.key, 'nowhere'), 'invalid', /stage/)
    })

    it('derives a parent from its leaves up the whole chain, and refuses direct changes to it', async () => {
      const { svc } = await withProject()
      const epic = await svc.createTicket({ project: 'CUS', title: 'epic', type: 'epic' })
      const task = await svc.createTicket({ project: 'CUS', title: 'task', parent: epic.key })
      const a = await svc.createTicket({ project: 'CUS', title: 'a', parent: task.key })
      const b = await svc.createTicket({ project: 'CUS', title: 'b', parent: task.key })
      await svc.setState(a.key, 'active')
      expect((await svc.getTicket(task.key)).status).toBe('design/active')
      expect((await svc.getTicket(epic.key)).status).toBe('design/active')
      await expectError(svc.setState(task.key, 'success'), 'conflict', /derived from descendants/)
      for (const k of [a.key, b.key]) for (let i = 0; i < 3; i++) await svc.setState(k, 'success')
      expect((await svc.getTicket(task.key)).status).toBe('done/success')
      expect((await svc.getTicket(epic.key)).status).toBe('done/success')
      const events = (await svc.listHistory({ ticket: epic.key })).map((e) => e.event_type)
      expect(events).toContain('ticket_parent_state_changed')
      expect(events).toContain('ticket_parent_stage_changed')
    })

    it('records one history event per change with actor, old and new', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      await svc.setState(t.key, 'success')
      const events = await svc.listHistory({ ticket: t.key })
      expect(
        events.map((e) => {
          const p = e.payload as { old?: unknown; new?: unknown }
          return [e.event_type, p.old ?? null, p.new ?? null]
        }),
      ).toEqual([
        ['ticket_created', null, null],
        ['ticket_state_changed', 'idle', 'success'],
        ['ticket_stage_changed', 'design', 'develop'],
        ['ticket_state_changed', 'success', 'idle'],
      ])
      expect(events.every((e) => e.actor === 'admin')).toBe(true)
    })

    it('a closed or archived ticket takes no changes until reopened', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      await svc.setFlag(t.key, 'open', false)
      await expectError(svc.setState(t.key, 'active'), 'conflict', /closed/)
      await expectError(svc.updateTicket(t.key, { title: 'x' }), 'conflict', /closed/)
      await expectError(svc.addComment(t.key, 'x'), 'conflict', /closed/)
      await svc.setFlag(t.key, 'open', true)
      await svc.setFlag(t.key, 'archived', true)
      await expectError(svc.setState(t.key, 'active'), 'conflict', /archived/)
      await expectError(svc.setFlag(t.key, 'ready', true), 'conflict', /archived/)
      await svc.setFlag(t.key, 'archived', false)
      expect((await svc.setFlag(t.key, 'ready', true)).ready).toBe(true)
    })
  })

  describe(`${name}: hierarchy`, () => {
    it('enforces type rules, same project and no cycles', async () => {
      const { svc } = await withProject()
      const epic = await svc.createTicket({ project: 'CUS', title: 'e', type: 'epic' })
      const task = await svc.createTicket({ project: 'CUS', title: 't' })
      const sub = await svc.createTicket({ project: 'CUS', title: 's' })
      const bug = await svc.createTicket({ project: 'CUS', title: 'b', type: 'bug' })
      const other = await svc.createTicket({ project: 'TK', title: 'o' })
      await expectError(svc.setParent(task.key, bug.key), 'invalid', /bug cannot be the parent/)
      await expectError(
        svc.setParent(epic.key, task.key),
        'invalid',
        /task cannot be the parent of a epic/,
      )
      await expectError(svc.setParent(task.key, other.key), 'invalid', /another project/)
      await expectError(svc.setParent(task.key, task.key), 'invalid', /own parent/)
      expect((await svc.setParent(sub.key, task.key)).parent_id).toBe(task.key)
      await svc.setParent(task.key, epic.key)
      const e2 = await svc.createTicket({
        project: 'CUS',
        title: 'e2',
        type: 'epic',
        parent: epic.key,
      })
      await expectError(svc.setParent(epic.key, e2.key), 'invalid', /cycle/)
      await expectError(svc.setParent(task.key, sub.key), 'invalid', /cycle/)
      expect((await svc.unsetParent(sub.key)).parent_id).toBeNull()
      expect((await svc.listOrphans('CUS')).map((t) => t.key)).toEqual([sub.key, bug.key])
    })

    it('re-derives the old parent when a child moves away', async () => {
      const { svc } = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a', type: 'epic' })
      const b = await svc.createTicket({ project: 'CUS', title: 'b', type: 'epic' })
      const done = await svc.createTicket({ project: 'CUS', title: 'done', parent: a.key })
      const idle = await svc.createTicket({ project: 'CUS', title: 'idle', parent: a.key })
      await svc.setStage(done.key, 'done')
      expect((await svc.getTicket(a.key)).status).toBe('design/idle')
      await svc.setParent(idle.key, b.key)
      expect((await svc.getTicket(a.key)).status).toBe('done/success')
      expect((await svc.getTicket(b.key)).status).toBe('design/idle')
    })

    it('draws the tree of a project', async () => {
      const { svc } = await withProject()
      const e = await svc.createTicket({ project: 'CUS', title: 'e', type: 'epic' })
      const t = await svc.createTicket({ project: 'CUS', title: 't', parent: e.key })
      await svc.createTicket({ project: 'CUS', title: 'leaf', parent: t.key })
      const [root] = await svc.tree({ project: 'CUS' })
      expect(root?.ticket.key).toBe(e.key)
      expect(root?.children[0]?.ticket.key).toBe(t.key)
      expect(root?.children[0]?.children[0]?.ticket.title).toBe('leaf')
    })

    it("pages the top-level tickets with a total and child counts, and a ticket's children", async () => {
      const { svc } = await withProject()
      const epic = await svc.createTicket({ project: 'CUS', title: 'epic', type: 'epic' })
      const kids: string[] = []
      for (const title of ['one', 'two', 'three'])
        kids.push((await svc.createTicket({ project: 'CUS', title, parent: epic.key })).key)
      const gone = await svc.createTicket({ project: 'CUS', title: 'gone', parent: epic.key })
      await svc.setFlag(gone.key, 'archived', true)
      await svc.setFlag(kids[2]!, 'open', false)
      await svc.createTicket({ project: 'CUS', title: 'leaf', parent: kids[0]! })
      const roots = [epic.key]
      for (const title of ['loose', 'alone'])
        roots.push((await svc.createTicket({ project: 'CUS', title })).key)
      const shut = await svc.createTicket({ project: 'CUS', title: 'shut' })
      await svc.setFlag(shut.key, 'open', false)

      // Open top-level tickets in id order, as `tree` draws them; the closed one is left out.
      const first = await svc.treePage({ project: 'CUS', limit: 2 })
      expect(first.tickets.map((t) => t.key)).toEqual(roots.slice(0, 2))
      expect(first.total).toBe(3)
      // Children counted whether open or closed, archived ones not; none for a leaf.
      expect(first.children).toEqual({ [epic.key]: 3 })
      const second = await svc.treePage({ project: 'CUS', limit: 2, after: roots[1]! })
      expect(second.tickets.map((t) => t.key)).toEqual(roots.slice(2))
      expect(second.total).toBe(3)
      const whole = await svc.treePage({ project: 'CUS' })
      expect(whole.tickets.map((t) => t.key)).toEqual(roots)
      expect((await svc.tree({ project: 'CUS' })).map((n) => n.ticket.key)).toEqual(roots)

      const below = await svc.treePage({ project: 'CUS', parent: epic.key, limit: 2 })
      expect(below.tickets.map((t) => t.key)).toEqual(kids.slice(0, 2))
      expect(below.total).toBe(3)
      expect(below.children).toEqual({ [kids[0]!]: 1 })
      const rest = await svc.treePage({ project: 'CUS', parent: epic.key, after: kids[1]! })
      expect(rest.tickets.map((t) => [t.key, t.open])).toEqual([[kids[2], false]])
      expect(rest.total).toBe(3)

      await svc.createProject({ prefix: 'OTH', title: 'Other' })
      await expectError(svc.treePage({ project: 'OTH', parent: epic.key }), 'invalid', /CUS/)
      await expectError(svc.treePage({ project: 'CUS', limit: 0 }), 'invalid')
      await expectError(svc.treePage({ project: 'NOPE' }), 'not_found')
      await expectError(svc.treePage({ project: 'CUS', parent: 'CUS-T-999' }), 'not_found')
    })
  })

  describe(`${name}: claim`, () => {
    it('hands out ready develop/idle leaves by priority, then age, then key', async () => {
      const { svc, ready } = await withProject()
      const low = await ready('low', 5)
      const high = await ready('high', 1)
      const high2 = await ready('high too', 1)
      expect((await svc.next({ project: 'CUS' })).map((t) => t.key)).toEqual([
        high.key,
        high2.key,
        low.key,
      ])
      const dry = await svc.claim({ project: 'CUS', dry_run: true })
      expect(dry).toMatchObject({
        status: 'AVAILABLE',
        ticket: { key: high.key, state: 'idle', assignee: null },
      })
      const got = await svc.claim({ project: 'CUS' })
      expect(got).toMatchObject({
        status: 'ASSIGNED',
        ticket: { key: high.key, status: 'develop/active', assignee: 'admin' },
      })
      // While I hold an active ticket, claim returns it.
      expect((await svc.claim({ project: 'CUS' })).ticket?.key).toBe(high.key)
      await svc.setState(high.key, 'success')
      expect((await svc.claim({ project: 'CUS' })).ticket?.key).toBe(high2.key)
    })

    it('skips tickets that are not ready, not at develop, assigned, parents, or blocked', async () => {
      const { svc, ready } = await withProject()
      await svc.createTicket({ project: 'CUS', title: 'design stage' })
      const notReady = await svc.createTicket({ project: 'CUS', title: 'not ready' })
      await svc.setStage(notReady.key, 'develop')
      const blocker = await svc.createTicket({ project: 'CUS', title: 'blocker' })
      const blocked = await ready('blocked')
      await svc.addDependency(blocked.key, blocker.key)
      expect((await svc.getTicket(blocked.key)).blocked).toEqual([blocker.key])
      expect(await svc.claim({ project: 'CUS' })).toMatchObject({ status: 'NO-WORK', ticket: null })
      for (let i = 0; i < 3; i++) await svc.setState(blocker.key, 'success')
      expect((await svc.claim({ project: 'CUS' })).ticket?.key).toBe(blocked.key)
    })

    it("a ticket's detail lists its labels, blockers, dependencies, time and children with theirs", async () => {
      const { svc } = await withProject()
      const epic = await svc.createTicket({ project: 'CUS', title: 'epic', type: 'epic' })
      const kid1 = await svc.createTicket({ project: 'CUS', title: 'kid one', parent: epic.key })
      const kid2 = await svc.createTicket({ project: 'CUS', title: 'kid two', parent: epic.key })
      const done = await svc.createTicket({ project: 'CUS', title: 'done dependency' })
      const open = await svc.createTicket({ project: 'CUS', title: 'open dependency' })
      const other = await svc.createTicket({ project: 'CUS', title: 'unrelated' })
      for (const name of ['zeta', 'alpha', 'mid', 'kidlabel', 'elsewhere'])
        await svc.createLabel({ project: 'CUS', name })
      for (const name of ['zeta', 'alpha', 'mid']) await svc.addLabel(epic.key, name)
      await svc.addLabel(kid2.key, 'kidlabel')
      await svc.addLabel(other.key, 'elsewhere')
      await svc.addDependency(epic.key, open.key)
      await svc.addDependency(epic.key, done.key)
      await svc.addDependency(kid1.key, open.key)
      for (let i = 0; i < 3; i++) await svc.setState(done.key, 'success')
      await svc.logTime({ ticket: epic.key, minutes: 30 })
      await svc.logTime({ ticket: epic.key, minutes: 15 })
      await svc.logTime({ ticket: other.key, minutes: 99 })
      const d = await svc.getTicket(epic.key)
      expect(d.labels).toEqual(['alpha', 'mid', 'zeta'])
      expect(d.blocked).toEqual([open.key])
      expect(d.depends_on).toEqual([done.key, open.key])
      expect(d.time_minutes).toBe(45)
      expect(d.stages).toEqual(['design', 'develop', 'test', 'done'])
      expect(d.children.map((c) => [c.key, c.labels, c.blocked])).toEqual([
        [kid1.key, [], [open.key]],
        [kid2.key, ['kidlabel'], []],
      ])
      const bare = await svc.getTicket(other.key)
      expect([bare.blocked, bare.depends_on, bare.children]).toEqual([[], [], []])
      const list = await svc.listTickets({ project: 'CUS', limit: 0 })
      const byKey = new Map(list.map((t) => [t.key, t]))
      expect(byKey.get(epic.key)?.labels).toEqual(['alpha', 'mid', 'zeta'])
      expect(byKey.get(kid1.key)?.blocked).toEqual([open.key])
      expect(byKey.get(other.key)?.labels).toEqual(['elsewhere'])
    })

    it('claims by key with the reason when refused', async () => {
      const { svc } = await withProject()
      const e = await svc.createTicket({ project: 'CUS', title: 'e', type: 'epic' })
      await svc.createTicket({ project: 'CUS', title: 'c', parent: e.key })
      const rejected = await svc.claim({ ticket: e.key })
      expect(rejected).toMatchObject({
        status: 'REJECTED',
        reason: expect.stringMatching(/children/),
      })
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      expect(await svc.claim({ ticket: t.key })).toMatchObject({
        status: 'ASSIGNED',
        ticket: { status: 'design/active', assignee: 'admin' },
      })
      const done = await svc.createTicket({ project: 'CUS', title: 'd' })
      await svc.setStage(done.key, 'done')
      expect((await svc.claim({ ticket: done.key })).reason).toMatch(/final stage/)
    })

    it('unclaim returns the ticket to idle and unassigned', async () => {
      const { svc, ready } = await withProject()
      const t = await ready('t')
      await svc.claim({ ticket: t.key })
      expect(await svc.unclaim(t.key)).toMatchObject({ status: 'develop/idle', assignee: null })
      expect((await svc.next({ project: 'CUS' })).map((x) => x.key)).toEqual([t.key])
    })

    it('assigns only existing users', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      expect((await svc.assign(t.key, 'admin')).assignee).toBe('admin')
      await expectError(svc.assign(t.key, 'nobody'), 'not_found', /nobody/)
      expect((await svc.unassign(t.key)).assignee).toBeNull()
    })
  })

  describe(`${name}: dependencies and records`, () => {
    it('refuses self, cross-project and cyclic dependencies', async () => {
      const { svc } = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a' })
      const b = await svc.createTicket({ project: 'CUS', title: 'b' })
      const c = await svc.createTicket({ project: 'CUS', title: 'c' })
      const o = await svc.createTicket({ project: 'TK', title: 'o' })
      await expectError(svc.addDependency(a.key, a.key), 'invalid', /itself/)
      await expectError(svc.addDependency(a.key, o.key), 'invalid', /another project/)
      await svc.addDependency(a.key, b.key)
      await svc.addDependency(b.key, c.key)
      await expectError(svc.addDependency(c.key, a.key), 'conflict', /cycle/)
      const deps = await svc.listDependencies(b.key)
      expect(deps.depends_on.map((t) => t.key)).toEqual([c.key])
      expect(deps.blocks.map((t) => t.key)).toEqual([a.key])
      expect((await svc.listBlocked('CUS')).map((x) => [x.ticket.key, x.blocked_by])).toEqual([
        [a.key, [b.key]],
        [b.key, [c.key]],
      ])
      await svc.removeDependency(a.key, b.key)
      await expectError(svc.removeDependency(a.key, b.key), 'not_found', /does not depend on/)
    })

    it('refuses to complete a ticket with unfinished dependencies unless forced, and records the override', async () => {
      const { svc } = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a' })
      const b = await svc.createTicket({ project: 'CUS', title: 'b' })
      await svc.addDependency(a.key, b.key)
      await expectError(svc.setState(a.key, 'success'), 'conflict', new RegExp(b.key))
      expect((await svc.setState(a.key, 'success', { force: true })).status).toBe('develop/idle')
      const types = (await svc.listHistory({ ticket: a.key })).map((e) => e.event_type)
      expect(types).toContain('dependency_override')
    })

    it('keeps comments oldest first and interleaves them with history', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      await svc.addComment(t.key, 'first')
      await svc.setState(t.key, 'active')
      await svc.addComment(t.key, 'second')
      expect((await svc.listComments(t.key)).map((c) => [c.author, c.text])).toEqual([
        ['admin', 'first'],
        ['admin', 'second'],
      ])
      const conv = await svc.conversation(t.key)
      expect(conv.map((e) => (e.kind === 'comment' ? e.text : e.event_type))).toEqual([
        'ticket_created',
        'first',
        'ticket_assigned',
        'ticket_state_changed',
        'second',
      ])
      await expectError(svc.addComment(t.key, '  '), 'invalid')
    })

    it('shows a ticket with its latest 20 comments and history events, newest first', async () => {
      const { svc } = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      const child = await svc.createTicket({ project: 'CUS', title: 'child', parent: t.key })
      await svc.addDependency(t.key, child.key)
      for (let i = 1; i <= 22; i++) await svc.addComment(t.key, `note ${i}`)
      const shown = await svc.getTicketWithRecords(t.key)
      // The same detail, comments and events as the separate reads give, in one answer.
      const { comments, history, ...detail } = shown
      expect(detail).toEqual(await svc.getTicket(t.key))
      expect(detail.children.map((c) => c.key)).toEqual([child.key])
      expect(detail.depends_on).toEqual([child.key])
      expect(comments.map((c) => c.text)).toEqual(
        Array.from({ length: 20 }, (_, i) => `note ${22 - i}`),
      )
      expect(comments).toEqual((await svc.listComments(t.key, 20)).reverse())
      expect(history).toEqual((await svc.listHistory({ ticket: t.key, limit: 20 })).reverse())
      expect(history[0]!.event_type).toBe('comment_added')
      await expectError(svc.getTicketWithRecords('CUS-T-999'), 'not_found')
    })

    it('filters project history by actor and keeps the last n', async () => {
      const { svc } = await withProject()
      for (const title of ['a', 'b', 'c']) await svc.createTicket({ project: 'CUS', title })
      const last2 = await svc.listHistory({ project: 'CUS', limit: 2 })
      expect(last2.map((e) => e.ticket_key)).toEqual(['CUS-T-2', 'CUS-T-3'])
      expect(await svc.listHistory({ project: 'CUS', actor: 'someone-else' })).toEqual([])
    })
  })
}
