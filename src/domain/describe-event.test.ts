import { describe, expect, it } from 'vitest'
import { describeEvent, usernamesIn } from './describe-event.ts'
import type { HistoryChange, HistoryEventType, HistoryPayloads } from './history.ts'

// One example of every kind: the mapped type makes a kind added to HistoryPayloads a compile
// error here until it has an example and its words.
const EXAMPLES: { [K in HistoryEventType]: readonly [HistoryPayloads[K], string] } = {
  ticket_created: [
    { type: 'task', title: 'Reset', status: 'design/idle', parent: null, assignee: null },
    'created task "Reset" [design/idle]',
  ],
  ticket_updated: [
    {
      changes: {
        title: { old: 'a', new: 'b' },
        priority: { old: 3, new: 1 },
        description: { old: 'long\ntext', new: 'longer\ntext' },
        estimate_complete: { old: null, new: '2026-12-01' },
      },
    },
    'changed title from “a” to “b”; priority from “3” to “1”; description; estimate complete from “—” to “2026-12-01”',
  ],
  ticket_deleted: [{ type: 'bug', title: 'Crash' }, 'deleted bug "Crash"'],
  ticket_opened: [{}, 'reopened'],
  ticket_closed: [{}, 'closed'],
  ticket_archived: [{}, 'archived'],
  ticket_unarchived: [{}, 'unarchived'],
  ticket_marked_ready: [{}, 'marked ready'],
  ticket_marked_not_ready: [{}, 'marked not ready'],
  ticket_stage_changed: [{ old: 'design', new: 'develop' }, 'stage design → develop'],
  ticket_state_changed: [
    { old: 'idle', new: 'active', stage: 'develop', reason: 'workflow changed' },
    'state idle → active (workflow changed)',
  ],
  ticket_parent_stage_changed: [
    { old: 'design', new: 'test' },
    'stage design → test (derived from children)',
  ],
  ticket_parent_state_changed: [
    { old: 'idle', new: 'active' },
    'state idle → active (derived from children)',
  ],
  ticket_assigned: [{ old: null, new: 'agent-1' }, 'assigned to Build bot'],
  ticket_unassigned: [{ old: 'alice', new: null }, 'unassigned from alice'],
  ticket_attached: [{ old: null, new: 'TK-E-1' }, 'attached to TK-E-1'],
  ticket_detached: [{ old: 'TK-E-1', new: null }, 'detached from TK-E-1'],
  ticket_claimed: [{}, 'claimed'],
  ticket_requeued: [
    { agent: 'agent-1', reason: 'lease expired', attempts: 2, state: 'idle' },
    'requeued from Build bot: lease expired (attempt 2, now idle)',
  ],
  ticket_cloned: [{ clone: 'TK-T-9' }, 'cloned as TK-T-9'],
  ticket_workflow_changed: [{ old: null, new: 'kanban' }, 'workflow set to kanban'],
  dependency_added: [{ depends_on: 'TK-T-2' }, 'now depends on TK-T-2'],
  dependency_removed: [{ depends_on: 'TK-T-2' }, 'no longer depends on TK-T-2'],
  dependency_override: [
    { blockers: ['TK-T-2', 'TK-T-3'] },
    'completed despite unfinished TK-T-2, TK-T-3',
  ],
  comment_added: [{ comment_id: 4 }, 'commented'],
  time_logged: [{ time_entry_id: 1, minutes: 90, note: 'review' }, 'logged 1h 30m (review)'],
  time_deleted: [
    { time_entry_id: 1, minutes: 30, user: 'agent-1' },
    'deleted time entry 1 (30m by Build bot)',
  ],
  label_added: [{ label: 'urgent' }, 'labelled urgent'],
  label_removed: [{ label: 'urgent' }, 'label urgent removed'],
  label_created: [{ label: 'urgent', color: 'red' }, 'created label urgent'],
  label_updated: [
    { label: 'hot', changes: { name: { old: 'urgent', new: 'hot' } } },
    'changed label hot: name from “urgent” to “hot”',
  ],
  label_deleted: [
    { label: 'urgent', removed_from: ['TK-T-1'] },
    'deleted label urgent (removed from TK-T-1)',
  ],
  story_created: [{ story_id: 2, title: 'Sign-up' }, 'created story 2 "Sign-up"'],
  story_updated: [
    { story_id: 2, fields: ['title', 'status'], old_status: 'draft', new_status: 'accepted' },
    'changed story 2: title, status (draft → accepted)',
  ],
  story_deleted: [{ story_id: 2, title: 'Sign-up' }, 'deleted story 2 "Sign-up"'],
  story_linked: [{ story_id: 2, title: 'Sign-up' }, 'linked to story 2 "Sign-up"'],
  story_unlinked: [{ story_id: 2, title: 'Sign-up' }, 'unlinked from story 2 "Sign-up"'],
  requirement_reviewed: [
    { old: 'proposed', new: 'rejected', reason: 'out of scope' },
    'review proposed → rejected (out of scope)',
  ],
  curated_into: [{ requirement: 'TK-R-3' }, 'curated into TK-R-3'],
  agent_run: [
    {
      agent: 'agent-1',
      outcome: 'fail',
      reason: 'tests fail',
      started_at: null,
      ended_at: '2026-11-24T08:00:00.000Z',
      wall_ms: 1000,
      exit_code: 1,
    },
    'run by Build bot ended: fail (tests fail, exit 1)',
  ],
  project_created: [{ prefix: 'CUS', title: 'Portal' }, 'created project CUS "Portal"'],
  project_updated: [
    { changes: { title: { old: 'Portal', new: 'Customer portal' } } },
    'changed project title from “Portal” to “Customer portal”',
  ],
  project_deleted: [{ prefix: 'CUS', title: 'Portal' }, 'deleted project CUS "Portal"'],
  project_member_added: [
    { username: 'agent-1', role: 'editor', old: null },
    'added Build bot as editor',
  ],
  project_member_removed: [{ username: 'bob', role: 'viewer' }, 'removed bob (viewer)'],
  project_team_added: [{ team: 'core', role: 'editor' }, 'added team core as editor'],
  project_team_removed: [{ team: 'core' }, 'removed team core'],
  project_workflow_changed: [
    { old: null, new: 'kanban', moved: 3 },
    'workflow set to kanban (3 ticket(s) moved)',
  ],
  role_created: [{ name: 'tester' }, 'created role tester'],
  role_updated: [{ name: 'tester', fields: ['description'] }, 'changed role tester: description'],
  role_deleted: [
    { name: 'tester', cleared_from: ['default/test'] },
    'deleted role tester (cleared from default/test)',
  ],
  team_created: [{ name: 'core' }, 'created team core'],
  team_updated: [{ team: 'core', fields: ['description'] }, 'changed team core: description'],
  team_deleted: [{ name: 'core' }, 'deleted team core'],
  team_member_added: [
    { team: 'core', username: 'bob', role: 'owner' },
    'added bob to team core as owner',
  ],
  team_member_removed: [{ team: 'core', username: 'bob' }, 'removed bob from team core'],
  team_agent_added: [{ team: 'core', agent: 'agent-1' }, 'added agent Build bot to team core'],
  team_agent_removed: [
    { team: 'core', agent: 'agent-1' },
    'removed agent Build bot from team core',
  ],
  user_created: [
    { username: 'agent-1', role: 'user', user_type: 'agent' },
    'created agent Build bot (user)',
  ],
  user_enabled: [{ username: 'bob' }, 'enabled bob'],
  user_disabled: [{ username: 'bob' }, 'disabled bob'],
  user_password_reset: [{ username: 'bob' }, 'reset the password of bob'],
  user_deleted: [{ username: 'bob' }, 'deleted user bob'],
  workflow_created: [
    { name: 'kanban', stages: ['todo', 'doing', 'done'] },
    'created workflow kanban: todo → doing → done',
  ],
  workflow_deleted: [{ name: 'kanban' }, 'deleted workflow kanban'],
  workflow_stage_added: [
    { workflow: 'kanban', stage: 'review', position: 2 },
    'added stage review to workflow kanban at position 2',
  ],
  workflow_stage_removed: [
    { workflow: 'kanban', stage: 'review' },
    'removed stage review from workflow kanban',
  ],
  workflow_stages_reordered: [
    { workflow: 'kanban', stages: ['todo', 'done'] },
    'reordered workflow kanban: todo → done',
  ],
}

const names = new Map([['agent-1', 'Build bot']])
const nameOf = (u: string) => names.get(u) ?? u

describe('describeEvent', () => {
  it.each(Object.entries(EXAMPLES))('describes %s', (event_type, [payload, words]) => {
    expect(describeEvent({ event_type, payload } as HistoryChange, nameOf)).toBe(words)
  })

  it('says where a new ticket came from', () => {
    const created = (extra: Partial<HistoryPayloads['ticket_created']>) =>
      describeEvent({
        event_type: 'ticket_created',
        payload: {
          type: 'task',
          title: 'x'.repeat(50),
          status: 'design/idle',
          parent: 'TK-E-1',
          assignee: null,
          ...extra,
        },
      })
    const title = `"${'x'.repeat(39)}…"`
    expect(created({ source: 'analyse' })).toBe(
      `created task ${title} [design/idle] under TK-E-1 by analysis`,
    )
    expect(created({ clone_of: 'TK-T-1' })).toBe(
      `created task ${title} [design/idle] under TK-E-1 as a copy of TK-T-1`,
    )
    expect(created({ parent: null, curated_from: ['TK-T-1', 'TK-B-2'] })).toBe(
      `created task ${title} [design/idle] curated from TK-T-1, TK-B-2`,
    )
  })

  it('shows usernames as they are when no names are given', () => {
    expect(
      describeEvent({ event_type: 'ticket_assigned', payload: { old: null, new: 'agent-1' } }),
    ).toBe('assigned to agent-1')
  })

  it('names the agents an event carries names for, before asking nameOf', () => {
    const e = {
      event_type: 'ticket_unassigned',
      payload: { old: 'agent-2', new: null },
      names: { 'agent-2': 'Night shift' },
    } as const
    expect(describeEvent(e)).toBe('unassigned from Night shift')
    expect(describeEvent(e, () => 'someone')).toBe('unassigned from Night shift')
  })

  it('lists the usernames an event mentions, so their names can travel with it', () => {
    expect(usernamesIn({ event_type: 'ticket_assigned', payload: { old: 'a', new: 'b' } })).toEqual(
      ['b'],
    )
    expect(
      usernamesIn({
        event_type: 'ticket_requeued',
        payload: { agent: 'agent-1', reason: 'r', attempts: 1, state: 'idle' },
      }),
    ).toEqual(['agent-1'])
    expect(usernamesIn({ event_type: 'ticket_claimed', payload: {} })).toEqual([])
  })

  it('names an event of a kind it does not know, with its payload', () => {
    const newer = { event_type: 'ticket_teleported', payload: { to: 'mars', note: '' } }
    expect(describeEvent(newer as unknown as HistoryChange)).toBe('teleported (to=mars, note=—)')
  })
})
