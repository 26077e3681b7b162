/**
 * @module Options that several commands of the table take, written once so that their flags,
 * aliases and help read the same wherever they appear.
 */
import type { InputField } from '../domain/ticket.ts'
import type { OptionSpec } from './command.ts'

export const id: OptionSpec = {
  flags: '--id <key>',
  description: 'the ticket (or give it as the first argument)',
}
export const message: OptionSpec = {
  flags: '-m, --message <text>',
  description: 'also add this comment',
}
export const idAndMessage: readonly OptionSpec[] = [id, message]
export const limit: OptionSpec = {
  flags: '-n, --limit <n>',
  description: 'show at most n (0 = all)',
}
export const includeClosed: OptionSpec = {
  flags: '-a, --all',
  description: 'include closed tickets',
}
export const force = (what: string): OptionSpec => ({ flags: '--force', description: what })
export const forceComplete = force('complete even if dependencies are unfinished')
export const finalComplete: OptionSpec = {
  flags: '--final',
  description: 'succeed through every remaining stage to the last (done)',
}
export const dryRun: OptionSpec = {
  flags: '--dry-run',
  description: 'show what would be claimed, change nothing',
  aliases: ['dryrun'],
}
export const dependencyOptions: readonly OptionSpec[] = [
  id,
  { flags: '--on <key>', description: 'the ticket it depends on', aliases: ['depends-on'] },
]

const gitBranch: OptionSpec = {
  flags: '--git-branch <name>',
  description: 'git branch',
  aliases: ['git_branch'],
}
/**
 * The flag of each field a new ticket may be given (domain `TICKET_FIELD_WRITES`), for `tk add`
 * and `tk update`: a field added there and not here fails to compile.
 */
const TICKET_FIELD_FLAGS = {
  title: { flags: '--title <text>', description: 'title (instead of the words)' },
  description: {
    flags: '-d, --description <text>',
    description: 'description (Markdown)',
    aliases: ['desc'],
  },
  acceptance_criteria: {
    flags: '--ac <text>',
    description: 'acceptance criteria',
    aliases: ['acceptance-criteria', 'acceptance_criteria'],
  },
  priority: { flags: '-p, --priority <n>', description: 'priority 1 (highest) to 9; default 3' },
  git_repository: {
    flags: '--git-repository <url>',
    description: 'git repository',
    aliases: ['git_repository', 'git'],
  },
  git_branch: gitBranch,
  estimate_effort: {
    flags: '--estimate-effort <n>',
    description: 'estimated effort (points or hours)',
    aliases: ['estimate_effort'],
  },
  estimate_complete: {
    flags: '--estimate-complete <date>',
    description: 'expected completion date',
    aliases: ['estimate_complete'],
  },
} satisfies Record<InputField, OptionSpec>
export const ticketFields: readonly OptionSpec[] = Object.values(TICKET_FIELD_FLAGS)
/** What `tk add` takes besides the type, and so all that its type shortcuts take. */
export const newTicketOptions: readonly OptionSpec[] = [
  ...ticketFields,
  { flags: '--parent <key>', description: 'parent ticket' },
  { flags: '-a, --assignee <user>', description: 'assign to this user' },
  message,
]
export const addOptions: readonly OptionSpec[] = [
  {
    flags: '-t, --type <type>',
    description: 'epic, task, bug, spike, chore, story, requirement, decision, question, note',
  },
  ...newTicketOptions,
]

export const ticketFilters: readonly OptionSpec[] = [
  { flags: '-t, --type <type>', description: 'only this type' },
  { flags: '--stage <stage>', description: 'only this stage' },
  { flags: '--state <state>', description: 'only this state' },
  { flags: '--status <stage/state>', description: 'only this status, e.g. develop/active' },
  {
    flags: '-u, --user <name>',
    description: 'only tickets assigned to this user',
    aliases: ['assignee'],
  },
  { flags: '--label <name>', description: 'only tickets with this label' },
]
/** How far a listing reaches: how many, and whether closed and archived tickets count. */
export const listReach: readonly OptionSpec[] = [
  limit,
  includeClosed,
  { flags: '-d, --deleted', description: 'include archived tickets too', aliases: ['archived'] },
]

export const labelRef: OptionSpec = { flags: '--id <label>', description: 'the label (name or id)' }
export const labelsOfTicket: readonly OptionSpec[] = [
  id,
  { flags: '--label <names>', description: 'the labels' },
]
export const colour = (description: string): OptionSpec => ({
  flags: '--color <colour>',
  description,
  aliases: ['colour'],
})

export const desc: OptionSpec = {
  flags: '-d, --description <text>',
  description: 'description',
  aliases: ['desc'],
}
export const projectId: OptionSpec = {
  flags: '--id <PREFIX>',
  description: 'the project (or give it as the first argument)',
}
export const projectFields: readonly OptionSpec[] = [
  desc,
  { flags: '--ac <text>', description: 'acceptance criteria' },
  {
    flags: '--git-repository <url>',
    description: 'git repository',
    aliases: ['git', 'git_repository'],
  },
  gitBranch,
]

export const ref = (what: string): OptionSpec => ({
  flags: '--id <ref>',
  description: `the ${what} (id or name)`,
})
export const nameOpt = (what: string): OptionSpec => ({
  flags: '--name <name>',
  description: `${what} name`,
})
export const title: OptionSpec = { flags: '--title <text>', description: 'title' }
export const username: OptionSpec = { flags: '--username <name>', description: 'the username' }
export const userOpt: OptionSpec = {
  flags: '--user <name>',
  description: 'the username',
  aliases: ['username', 'user_id', 'user-id'],
}
export const projectRole: OptionSpec = {
  flags: '--role <role>',
  description: 'viewer, editor or owner',
}
export const teamOpt: OptionSpec = {
  flags: '--team <team>',
  description: 'the team',
  aliases: ['team_id', 'team-id'],
}
export const parentTeam = (description: string): OptionSpec => ({
  flags: '--parent <team>',
  description,
  aliases: ['parent_id', 'parent-id'],
})
export const teamMemberOptions: readonly OptionSpec[] = [
  { ...ref('team'), aliases: ['team', 'team_id', 'team-id'] },
  userOpt,
]
export const teamAgentOptions: readonly OptionSpec[] = [
  ref('team'),
  { flags: '--agent <name>', description: 'the agent', aliases: ['agent_id', 'agent-id'] },
]
export const roleAims: readonly OptionSpec[] = [
  { flags: '--motivation <text>', description: 'what drives the role' },
  { flags: '--goals <text>', description: 'what the role aims for' },
]
export const workflowTicket: OptionSpec = {
  flags: '--ticket <key>',
  description: 'this ticket (else the project)',
}

export const storyId: OptionSpec = { flags: '--id <n>', description: 'the story' }
export const storyTicketOptions: readonly OptionSpec[] = [
  storyId,
  { flags: '--ticket <key>', description: 'the ticket' },
]
export const reviewStatus: OptionSpec = {
  flags: '--status <s>',
  description: 'proposed, accepted, rejected or revised',
}
export const reviewOptions: readonly OptionSpec[] = [
  id,
  { flags: '-m, --message <text>', description: 'why (kept as a comment)', aliases: ['reason'] },
]
export const textOptions: readonly OptionSpec[] = [
  title,
  desc,
  { flags: '--ac <text>', description: 'acceptance criteria', aliases: ['acceptance-criteria'] },
]

export const sessionOptions: readonly OptionSpec[] = [
  { flags: '-u, --username <name>', description: 'the account (default: TICKET_USERNAME)' },
  { flags: '--password <secret>', description: 'its password (default: TICKET_PASSWORD)' },
  { flags: '--url <url>', description: 'the server (default: TICKET_URL or config)' },
]
export const agentIdOption: OptionSpec = { flags: '--id <uuid>', description: 'the agent' }
export const agentServer: OptionSpec = {
  flags: '--url <url>',
  description: 'the server (default: TICKET_URL)',
}
