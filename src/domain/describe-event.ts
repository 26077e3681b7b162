/** @module One history event in words, the same in the CLI, the terminal UI and the web app. */
import { formatMinutes } from './format.ts'
import type { FieldChange, HistoryChange } from './history.ts'

/** How a username is shown; agents are named by their display name where the caller knows it. */
type NameOf = (username: string) => string

const asIs: NameOf = (username) => username

/** A value inside a sentence: one line, at most 40 characters, `—` for nothing. */
function short(v: unknown): string {
  const s = v === null || v === undefined || v === '' ? '—' : String(v).replace(/\s+/g, ' ')
  return s.length > 40 ? `${s.slice(0, 39)}…` : s
}

const words = (field: string) => field.replaceAll('_', ' ')
const list = (xs: readonly string[]) => xs.join(', ')
const quoted = (title: string) => `"${short(title)}"`
const move = (old: unknown, next: unknown) => `${short(old)} → ${short(next)}`

// Long text is named, not quoted: two descriptions side by side say little (issue 16 item 10).
const LONG_TEXT = new Set(['description', 'acceptance_criteria'])

/** `title from “a” to “b”; description` */
function changes(cs: Readonly<Record<string, FieldChange>>): string {
  return Object.entries(cs)
    .map(([field, c]) =>
      LONG_TEXT.has(field)
        ? words(field)
        : `${words(field)} from “${short(c.old)}” to “${short(c.new)}”`,
    )
    .join('; ')
}

const because = (reason: string | undefined) => (reason ? ` (${short(reason)})` : '')

/** An event of a kind this build does not know (a newer server): its name and payload. */
function unknownKind(e: never): string {
  const { event_type, payload } = e as { event_type: string; payload: object | null }
  const rest = Object.entries(payload ?? {}).map(([k, v]) => `${k}=${short(v)}`)
  return `${words(String(event_type).replace(/^ticket_/, ''))}${rest.length ? ` (${rest.join(', ')})` : ''}`
}

/** An event as readers get it: with the names of the agents its payload mentions, if any. */
type Described = HistoryChange & { readonly names?: Readonly<Record<string, string>> }

/**
 * The usernames an event's payload mentions (an assignee, an agent, a member): the ones
 * `describeEvent` names, so whoever answers for history can carry their names beside it.
 */
export function usernamesIn(e: HistoryChange): string[] {
  const seen: string[] = []
  describeEvent(e, (u) => {
    seen.push(u)
    return u
  })
  return seen
}

/**
 * What one history event changed, as a phrase that follows the actor's name:
 * `stage design → develop`, `assigned to Build bot`, `labelled urgent`. A username is shown
 * by the name the event carries for it (`names`), else as `nameOf` says.
 */
export function describeEvent(e: Described, nameOf: NameOf = asIs): string {
  const who = (u: string | null) => (u === null ? '—' : (e.names?.[u] ?? nameOf(u)))
  switch (e.event_type) {
    case 'ticket_created': {
      const p = e.payload
      const from = [
        p.parent ? ` under ${p.parent}` : '',
        p.clone_of ? ` as a copy of ${p.clone_of}` : '',
        p.curated_from ? ` curated from ${list(p.curated_from)}` : '',
        p.source === 'analyse' ? ' by analysis' : '',
      ]
      return `created ${p.type} ${quoted(p.title)} [${p.status}]${from.join('')}`
    }
    case 'ticket_updated':
      return `changed ${changes(e.payload.changes)}`
    case 'ticket_deleted':
      return `deleted ${e.payload.type} ${quoted(e.payload.title)}`
    case 'ticket_opened':
      return 'reopened'
    case 'ticket_closed':
      return 'closed'
    case 'ticket_archived':
      return 'archived'
    case 'ticket_unarchived':
      return 'unarchived'
    case 'ticket_marked_ready':
      return 'marked ready'
    case 'ticket_marked_not_ready':
      return 'marked not ready'
    case 'ticket_stage_changed':
      return `stage ${move(e.payload.old, e.payload.new)}${because(e.payload.reason)}`
    case 'ticket_state_changed':
      return `state ${move(e.payload.old, e.payload.new)}${because(e.payload.reason)}`
    case 'ticket_parent_stage_changed':
      return `stage ${move(e.payload.old, e.payload.new)} (derived from children)`
    case 'ticket_parent_state_changed':
      return `state ${move(e.payload.old, e.payload.new)} (derived from children)`
    case 'ticket_assigned':
      return `assigned to ${who(e.payload.new)}`
    case 'ticket_unassigned':
      return e.payload.old === null ? 'unassigned' : `unassigned from ${who(e.payload.old)}`
    case 'ticket_attached':
      return `attached to ${e.payload.new}`
    case 'ticket_detached':
      return `detached from ${short(e.payload.old)}`
    case 'ticket_claimed':
      return 'claimed'
    case 'ticket_requeued': {
      const p = e.payload
      const from = p.agent === null ? '' : ` from ${who(p.agent)}`
      return `requeued${from}: ${short(p.reason)} (attempt ${p.attempts}, now ${p.state})`
    }
    case 'ticket_cloned':
      return `cloned as ${e.payload.clone}`
    case 'ticket_workflow_changed':
      return `workflow set to ${e.payload.new ?? 'the project’s'}`
    case 'dependency_added':
      return `now depends on ${e.payload.depends_on}`
    case 'dependency_removed':
      return `no longer depends on ${e.payload.depends_on}`
    case 'dependency_override':
      return `completed despite unfinished ${list(e.payload.blockers)}`
    case 'comment_added':
      return 'commented'
    case 'time_logged':
      return `logged ${formatMinutes(e.payload.minutes)}${because(e.payload.note)}`
    case 'time_deleted':
      return `deleted time entry ${e.payload.time_entry_id} (${formatMinutes(e.payload.minutes)} by ${who(e.payload.user)})`
    case 'label_added':
      return `labelled ${e.payload.label}`
    case 'label_removed':
      return `label ${e.payload.label} removed`
    case 'label_created':
      return `created label ${e.payload.label}`
    case 'label_updated':
      return `changed label ${e.payload.label}: ${changes(e.payload.changes)}`
    case 'label_deleted': {
      const from = e.payload.removed_from
      return `deleted label ${e.payload.label}${from.length ? ` (removed from ${list(from)})` : ''}`
    }
    case 'story_created':
      return `created story ${e.payload.story_id} ${quoted(e.payload.title)}`
    case 'story_updated': {
      const p = e.payload
      const status = p.old_status ? ` (${move(p.old_status, p.new_status)})` : ''
      return `changed story ${p.story_id}: ${list(p.fields.map(words))}${status}`
    }
    case 'story_deleted':
      return `deleted story ${e.payload.story_id} ${quoted(e.payload.title)}`
    case 'story_linked':
      return `linked to story ${e.payload.story_id} ${quoted(e.payload.title)}`
    case 'story_unlinked':
      return `unlinked from story ${e.payload.story_id} ${quoted(e.payload.title)}`
    case 'requirement_reviewed':
      return `review ${move(e.payload.old, e.payload.new)}${because(e.payload.reason)}`
    case 'curated_into':
      return `curated into ${e.payload.requirement}`
    case 'agent_run': {
      const p = e.payload
      const notes = [
        p.reason ? short(p.reason) : '',
        p.exit_code === null ? '' : `exit ${p.exit_code}`,
      ]
      const note = notes.filter(Boolean).join(', ')
      return `run by ${who(p.agent)} ended: ${p.outcome}${note ? ` (${note})` : ''}`
    }
    case 'project_created':
      return `created project ${e.payload.prefix} ${quoted(e.payload.title)}`
    case 'project_updated':
      return `changed project ${changes(e.payload.changes)}`
    case 'project_deleted':
      return `deleted project ${e.payload.prefix} ${quoted(e.payload.title)}`
    case 'project_member_added': {
      const p = e.payload
      return p.old === null
        ? `added ${who(p.username)} as ${p.role}`
        : `changed ${who(p.username)}’s role ${move(p.old, p.role)}`
    }
    case 'project_member_removed':
      return `removed ${who(e.payload.username)} (${e.payload.role})`
    case 'project_team_added':
      return `added team ${e.payload.team} as ${e.payload.role}`
    case 'project_team_removed':
      return `removed team ${e.payload.team}`
    case 'project_workflow_changed':
      return `workflow set to ${e.payload.new ?? 'the default'} (${e.payload.moved} ticket(s) moved)`
    case 'role_created':
      return `created role ${e.payload.name}`
    case 'role_updated':
      return `changed role ${e.payload.name}: ${list(e.payload.fields.map(words))}`
    case 'role_deleted': {
      const from = e.payload.cleared_from
      return `deleted role ${e.payload.name}${from.length ? ` (cleared from ${list(from)})` : ''}`
    }
    case 'team_created':
      return `created team ${e.payload.name}`
    case 'team_updated':
      return `changed team ${e.payload.team}: ${list(e.payload.fields.map(words))}`
    case 'team_deleted':
      return `deleted team ${e.payload.name}`
    case 'team_member_added':
      return `added ${who(e.payload.username)} to team ${e.payload.team} as ${e.payload.role}`
    case 'team_member_removed':
      return `removed ${who(e.payload.username)} from team ${e.payload.team}`
    case 'team_agent_added':
      return `added agent ${who(e.payload.agent)} to team ${e.payload.team}`
    case 'team_agent_removed':
      return `removed agent ${who(e.payload.agent)} from team ${e.payload.team}`
    case 'user_created':
      return `created ${e.payload.user_type} ${who(e.payload.username)} (${e.payload.role})`
    case 'user_enabled':
      return `enabled ${who(e.payload.username)}`
    case 'user_disabled':
      return `disabled ${who(e.payload.username)}`
    case 'user_password_reset':
      return `reset the password of ${who(e.payload.username)}`
    case 'user_deleted':
      return `deleted user ${who(e.payload.username)}`
    case 'workflow_created':
      return `created workflow ${e.payload.name}${e.payload.stages.length ? `: ${e.payload.stages.join(' → ')}` : ''}`
    case 'workflow_deleted':
      return `deleted workflow ${e.payload.name}`
    case 'workflow_stage_added':
      return `added stage ${e.payload.stage} to workflow ${e.payload.workflow} at position ${e.payload.position}`
    case 'workflow_stage_removed':
      return `removed stage ${e.payload.stage} from workflow ${e.payload.workflow}`
    case 'workflow_stages_reordered':
      return `reordered workflow ${e.payload.workflow}: ${e.payload.stages.join(' → ')}`
    default:
      return unknownKind(e)
  }
}
