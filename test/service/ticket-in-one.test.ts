// GET one ticket as one statement on PostgreSQL (decision 0050): the session, the access check,
// the ticket, its children and extras, its latest comments and history and the agents they name
// are read together. These prove it answers what the separate reads answer, for every part of
// the answer and every way a caller may or may not read the ticket, and that a hidden ticket
// answers exactly as an absent one.
import { describe, expect, it, onTestFinished } from 'vitest'
import { TicketError } from '../../src/domain/errors.ts'
import { seedDatabase } from '../../src/service/bootstrap.ts'
import { ticketWithRecordsInOne } from '../../src/service/local/ticket-in-one.ts'
import { ServiceHost } from '../../src/service/service-host.ts'
import type { Store } from '../../src/store/store.ts'
import { TEST_DIALECTS } from '../support/dialects.ts'
import { openTestStore } from '../support/store.ts'

async function world(dialect: (typeof TEST_DIALECTS)[number]) {
  const store: Store = await openTestStore(dialect)
  await seedDatabase(store, { password: 'admin-password', now: new Date() })
  const host = new ServiceHost({ store })
  onTestFinished(() => host.close())
  const signIn = async (username: string, password: string) => {
    const { token, user } = await host.login(username, password)
    return { token, svc: host.forActor(user) }
  }
  const admin = await signIn('admin', 'admin-password')
  const one = (token: string, ref: string) =>
    ticketWithRecordsInOne(store, token, ref, new Date()).catch((e: unknown) => e)
  const separate = (token: string, ref: string) =>
    host.readAs(token, (s) => s.getTicketWithRecords(ref)).catch((e: unknown) => e)
  return { store, host, admin, signIn, one, separate }
}

/** A ticket with every part of a GET's answer: children, labels, blockers, time, agents. */
async function richTicket(admin: Awaited<ReturnType<typeof world>>['admin']['svc']) {
  await admin.createProject({ prefix: 'IO', title: 'In one', visibility: 'private' })
  const epic = await admin.createTicket({ project: 'IO', type: 'epic', title: 'The epic' })
  const a = await admin.createTicket({ project: 'IO', title: 'Child "a"', parent: epic.key })
  const b = await admin.createTicket({ project: 'IO', title: 'Child b', parent: epic.key })
  const done = await admin.createTicket({ project: 'IO', title: 'Finished one' })
  await admin.updateTicket(done.key, { stage: 'done', state: 'success' })
  await admin.createLabel({ project: 'IO', name: 'urgent' })
  await admin.createLabel({ project: 'IO', name: 'backend' })
  for (const l of ['urgent', 'backend']) await admin.addLabel(epic.key, l)
  await admin.addLabel(a.key, 'urgent')
  await admin.addDependency(epic.key, b.key)
  await admin.addDependency(epic.key, done.key)
  await admin.addDependency(a.key, b.key)
  await admin.logTime({ ticket: epic.key, minutes: 25 })
  await admin.logTime({ ticket: epic.key, minutes: 17 })
  const { agent } = await admin.createAgent({
    password: 'bot-password-1',
    display_name: 'Build bot',
  })
  await admin.addProjectMember('IO', { username: agent.username, role: 'editor' })
  await admin.assign(epic.key, agent.username)
  await admin.addComment(epic.key, 'first, with "quotes" and % and _')
  await admin.addComment(epic.key, 'second')
  await admin.setHealth(epic.key, 3)
  const plain = await admin.createTicket({ project: 'IO', title: 'Nothing else' })
  return { epic, a, plain, agent }
}

// The statement is PostgreSQL's; SQLite's statements are calls, not round trips.
const ONE_STATEMENT_DIALECTS = TEST_DIALECTS.filter((d) => d === 'postgres')

describe.each(ONE_STATEMENT_DIALECTS)('GET one ticket in one statement (%s)', (dialect) => {
  it('answers what the separate reads answer, part for part', async () => {
    const { admin, one, separate } = await world(dialect)
    const { epic, a, plain } = await richTicket(admin.svc)
    // Many comments and events: only the latest of each, in the same order.
    for (let i = 0; i < 25; i++) await admin.svc.addComment(a.key, `note ${i}`)
    for (const key of [epic.key, a.key, plain.key]) {
      const together = await one(admin.token, key)
      const apart = await separate(admin.token, key)
      expect(together).toBeDefined()
      expect(together).toEqual(apart)
    }
    const rich = (await one(admin.token, epic.key)) as { value: Record<string, unknown> }
    // The parts the comparison is about are really there.
    expect(rich.value).toMatchObject({
      labels: ['backend', 'urgent'],
      time_minutes: 42,
      assignee_name: 'Build bot',
    })
    expect((rich.value.children as unknown[]).length).toBe(2)
    expect((rich.value.depends_on as unknown[]).length).toBe(2)
    expect((rich.value.comments as unknown[]).length).toBe(2)
    expect(JSON.stringify(rich.value.history)).toContain('Build bot')
    const many = (await one(admin.token, a.key)) as { value: { comments: unknown[] } }
    expect(many.value.comments).toHaveLength(20)
  })

  it('judges the caller as the separate reads do: member, team, public, none; a hidden ticket as an absent one', async () => {
    const { admin, signIn, one, separate } = await world(dialect)
    const { epic } = await richTicket(admin.svc)
    await admin.svc.createProject({ prefix: 'PUB', title: 'Public', visibility: 'public' })
    const open = await admin.svc.createTicket({ project: 'PUB', title: 'Anyone reads me' })
    for (const u of ['member', 'teamed', 'stranger'])
      await admin.svc.createUser({ username: u, password: `${u}-password` })
    await admin.svc.addProjectMember('IO', { username: 'member', role: 'viewer' })
    await admin.svc.createTeam({ name: 'upper' })
    await admin.svc.createTeam({ name: 'lower', parent: 'upper' })
    await admin.svc.addTeamMember('lower', { username: 'teamed' })
    await admin.svc.addProjectTeam('IO', { team: 'upper', role: 'viewer' })
    for (const u of ['member', 'teamed', 'stranger']) {
      const { token } = await signIn(u, `${u}-password`)
      for (const key of [epic.key, open.key, 'IO-T-999', 'NOPE-T-1']) {
        const together = await one(token, key)
        expect(together).toEqual(await separate(token, key))
        if (u === 'stranger' && key === epic.key) {
          // Hidden: the very error an absent ticket of the same key would get.
          expect(together).toBeInstanceOf(TicketError)
          expect(together).toMatchObject({ code: 'not_found' })
          const absentKey = epic.key.replace(/\d+$/, '999')
          const absent = (await one(token, absentKey)) as TicketError
          const hidden = together as TicketError
          expect(hidden.message).toBe(absent.message.replace(absentKey, epic.key))
          expect(hidden.hint).toBe(absent.hint)
        }
      }
    }
    const reader = await signIn('member', 'member-password')
    expect(await one(reader.token, epic.key)).toMatchObject({ user: { username: 'member' } })
    expect(await one('not-a-token', epic.key)).toBeNull()
    expect(await separate('not-a-token', epic.key)).toBeNull()
  })
})

describe.each(TEST_DIALECTS)(
  'GET one ticket, where one statement does not serve (%s)',
  (dialect) => {
    it('leaves to the separate reads what one statement does not read', async () => {
      const { admin, one } = await world(dialect)
      const { epic } = await richTicket(admin.svc)
      // A reference by project and number, not by key.
      expect(await one(admin.token, `IO-${epic.key.split('-').at(-1)}`)).toBeUndefined()
      // SQLite: its statements are calls, not round trips; it has no such statement.
      if (dialect === 'sqlite') expect(await one(admin.token, epic.key)).toBeUndefined()
    })
  },
)
