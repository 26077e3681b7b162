/** @module The command table: names, flags and help for every command; code loads on use. */
import type { CommandSpec, OptionSpec, Run } from './command.ts'

const id: OptionSpec = {
  flags: '--id <key>',
  description: 'the ticket (or give it as the first argument)',
}
const message: OptionSpec = { flags: '-m, --message <text>', description: 'also add this comment' }
const limit: OptionSpec = { flags: '-n, --limit <n>', description: 'show at most n (0 = all)' }
const ticketFields: OptionSpec[] = [
  { flags: '--title <text>', description: 'title (instead of the words)' },
  { flags: '-d, --description <text>', description: 'description (Markdown)', aliases: ['desc'] },
  {
    flags: '--ac <text>',
    description: 'acceptance criteria',
    aliases: ['acceptance-criteria', 'acceptance_criteria'],
  },
  { flags: '-p, --priority <n>', description: 'priority 1 (highest) to 9; default 3' },
  {
    flags: '--git-repository <url>',
    description: 'git repository',
    aliases: ['git_repository', 'git'],
  },
  { flags: '--git-branch <name>', description: 'git branch', aliases: ['git_branch'] },
  {
    flags: '--estimate-effort <n>',
    description: 'estimated effort (points or hours)',
    aliases: ['estimate_effort'],
  },
  {
    flags: '--estimate-complete <date>',
    description: 'expected completion date',
    aliases: ['estimate_complete'],
  },
]
const addOptions: OptionSpec[] = [
  {
    flags: '-t, --type <type>',
    description: 'epic, task, bug, spike, chore, story, requirement, decision, question, note',
  },
  ...ticketFields,
  { flags: '--parent <key>', description: 'parent ticket' },
  { flags: '-a, --assignee <user>', description: 'assign to this user' },
  message,
]
const listOptions: OptionSpec[] = [
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
  { flags: '--parent <key>', description: 'only children of this ticket' },
  limit,
  { flags: '-a, --all', description: 'include closed tickets' },
  { flags: '-d, --deleted', description: 'include archived tickets too', aliases: ['archived'] },
]

const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => Run) =>
  async (): Promise<Run> =>
    pick(await load())

const agentIdOption: OptionSpec = { flags: '--id <uuid>', description: 'the agent' }
const sessionOptions: OptionSpec[] = [
  { flags: '-u, --username <name>', description: 'the account (default: TICKET_USERNAME)' },
  { flags: '--password <secret>', description: 'its password (default: TICKET_PASSWORD)' },
  { flags: '--url <url>', description: 'the server (default: TICKET_URL or config)' },
]
const session = () => import('./commands/session.ts')
const tickets = () => import('./commands/tickets.ts')
const lifecycle = () => import('./commands/lifecycle.ts')
const work = () => import('./commands/work.ts')
const records = () => import('./commands/records.ts')
const projects = () => import('./commands/projects.ts')
const system = () => import('./commands/system.ts')
const agentDocs = () => import('./commands/agent-docs.ts')
const agents = () => import('./commands/agents.ts')

const typeShortcut = (name: string, summary: string, type = name): CommandSpec => ({
  name,
  summary,
  args: '<title words…>',
  options: addOptions.filter((o) => !o.flags.includes('--type')),
  section: 'Tickets',
  load: lazy(tickets, (m) => m.addOfType(type)),
})

const stateCommand = (name: string, summary: string): CommandSpec => ({
  name,
  summary,
  args: '[KEY]',
  options: [
    id,
    message,
    ...(name === 'complete'
      ? [{ flags: '--force', description: 'complete even if dependencies are unfinished' }]
      : []),
  ],
  section: 'Lifecycle',
  load: lazy(lifecycle, (m) => m.stateShortcut(name)),
})

const toggle = (name: string, summary: string): CommandSpec => ({
  name,
  summary,
  args: '[KEY]',
  options: [id, message],
  section: 'Lifecycle',
  load: lazy(lifecycle, (m) => m.toggle(name)),
})

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'init',
    summary: 'Create the workspace, database, admin user and default project',
    options: [
      {
        flags: '--password <pw>',
        description: 'admin password (generated and printed when absent)',
      },
      { flags: '--prefix <P>', description: 'also create project P and make it current' },
      { flags: '--title <T>', description: 'title for -prefix' },
      { flags: '--force', description: 'start over: delete the existing database first' },
    ],
    section: 'Workspace',
    load: lazy(system, (m) => m.init),
  },
  {
    name: 'add',
    aliases: ['new', 'create'],
    summary: 'Create a ticket',
    args: '<title words…>',
    options: addOptions,
    section: 'Tickets',
    load: lazy(tickets, (m) => m.add),
  },
  typeShortcut('epic', 'Create an epic'),
  typeShortcut('bug', 'Create a bug'),
  typeShortcut('story', 'Create a story ticket'),
  typeShortcut('spike', 'Create a spike'),
  typeShortcut('chore', 'Create a chore'),
  typeShortcut('note', 'Create a note'),
  typeShortcut('question', 'Create a question'),
  typeShortcut('idea', 'Capture a requirement', 'requirement'),
  {
    name: 'list',
    aliases: ['ls'],
    summary: 'List tickets (open ones; -a adds closed, -d archived)',
    args: '[type]',
    options: listOptions,
    section: 'Tickets',
    load: lazy(tickets, (m) => m.list),
  },
  {
    name: 'get',
    aliases: ['show'],
    summary: 'Show a ticket in full',
    args: '[KEY]',
    options: [id],
    section: 'Tickets',
    load: lazy(tickets, (m) => m.get),
  },
  {
    name: 'update',
    aliases: ['edit'],
    summary: 'Change fields of a ticket',
    args: '[KEY]',
    options: [
      id,
      ...ticketFields,
      { flags: '--order <n>', description: 'sort order', aliases: ['sort_order', 'sort-order'] },
      { flags: '--stage <stage>', description: 'move to this stage' },
      { flags: '--state <state>', description: 'set this state' },
      { flags: '--status <stage/state>', description: 'set stage and state' },
      message,
    ],
    section: 'Tickets',
    load: lazy(tickets, (m) => m.update),
  },
  {
    name: 'delete',
    aliases: ['rm'],
    summary: 'Delete a ticket (refused while it has children)',
    args: '[KEY]',
    options: [id],
    section: 'Tickets',
    load: lazy(tickets, (m) => m.remove),
  },
  {
    name: 'search',
    summary: 'Full-text search over title, description and acceptance criteria',
    args: '<words…>',
    options: [
      ...listOptions.filter((o) => !o.flags.includes('--parent')),
      { flags: '--all-projects', description: 'search every project', aliases: ['allprojects'] },
    ],
    section: 'Tickets',
    load: lazy(tickets, (m) => m.search),
  },
  {
    name: 'state',
    summary: 'Set the state (idle, active, success, fail) or move to a stage',
    args: '[KEY] <state|stage>',
    options: [
      id,
      message,
      { flags: '--force', description: 'complete even if dependencies are unfinished' },
    ],
    section: 'Lifecycle',
    load: lazy(lifecycle, (m) => m.state),
  },
  {
    name: 'stage',
    summary: 'Show the stage, or move the ticket to a stage',
    args: '[KEY] [stage]',
    options: [id, message],
    section: 'Lifecycle',
    load: lazy(lifecycle, (m) => m.stage),
  },
  stateCommand('idle', 'Set state idle'),
  stateCommand('active', 'Start work: state active (assigns you when unassigned)'),
  stateCommand('complete', 'Finish the stage: state success (advances to the next stage)'),
  stateCommand('fail', 'Mark the stage failed'),
  toggle('close', 'Close a ticket (locks it until reopened)'),
  toggle('open', 'Reopen a closed ticket'),
  toggle('archive', 'Archive a ticket (hidden everywhere until unarchived)'),
  toggle('unarchive', 'Unarchive a ticket'),
  toggle('ready', 'Mark a ticket ready for work'),
  toggle('notready', 'Mark a ticket not ready'),
  {
    name: 'set-parent',
    aliases: ['attach'],
    summary: 'Put a ticket under a parent',
    args: '[KEY] <PARENT>',
    options: [id, { flags: '--parent <key>', description: 'the parent' }],
    section: 'Tickets',
    load: lazy(work, (m) => m.setParent),
  },
  {
    name: 'unset-parent',
    aliases: ['detach'],
    summary: 'Remove a ticket from its parent',
    args: '[KEY]',
    options: [id],
    section: 'Tickets',
    load: lazy(work, (m) => m.unsetParent),
  },
  {
    name: 'orphans',
    summary: 'Open tickets without a parent (epics excepted)',
    options: [limit],
    section: 'Tickets',
    load: lazy(work, (m) => m.orphans),
  },
  {
    name: 'tree',
    summary: 'The hierarchy as a tree with stage/state',
    args: '[KEY]',
    options: [id, { flags: '-a, --all', description: 'include closed tickets' }],
    section: 'Tickets',
    load: lazy(work, (m) => m.tree),
  },
  {
    name: 'claim',
    summary: 'Take a ticket (or the next eligible one) and start it',
    args: '[KEY]',
    options: [
      id,
      {
        flags: '--dry-run',
        description: 'show what would be claimed, change nothing',
        aliases: ['dryrun'],
      },
    ],
    section: 'Work',
    load: lazy(work, (m) => m.claim),
  },
  {
    name: 'request',
    summary: 'Ask for work: your active ticket, or the next eligible one',
    args: '[KEY]',
    options: [
      id,
      {
        flags: '--dry-run',
        description: 'show what would be claimed, change nothing',
        aliases: ['dryrun'],
      },
    ],
    section: 'Work',
    load: lazy(work, (m) => m.claim),
  },
  {
    name: 'unclaim',
    summary: 'Give up your claim: unassigned and idle again',
    args: '[KEY]',
    options: [id, message],
    section: 'Work',
    load: lazy(work, (m) => m.unclaim),
  },
  {
    name: 'next',
    summary: 'The work queue: what claim would hand out, in order',
    options: [limit],
    section: 'Work',
    load: lazy(work, (m) => m.next),
  },
  {
    name: 'assign',
    summary: 'Assign a ticket to a user',
    args: '[KEY] <user>',
    options: [id, message],
    section: 'Work',
    load: lazy(work, (m) => m.assign),
  },
  {
    name: 'unassign',
    summary: 'Remove the assignee',
    args: '[KEY]',
    options: [id, message],
    section: 'Work',
    load: lazy(work, (m) => m.unassign),
  },
  {
    name: 'blocked',
    summary: 'Tickets waiting on unfinished dependencies',
    section: 'Work',
    load: lazy(work, (m) => m.blocked),
  },
  {
    name: 'dependency add',
    aliases: ['dep add', 'add-dependency'],
    summary: 'KEY depends on OTHER',
    args: '[KEY] <OTHER>',
    options: [
      id,
      { flags: '--on <key>', description: 'the ticket it depends on', aliases: ['depends-on'] },
    ],
    section: 'Work',
    load: lazy(work, (m) => m.depAdd),
  },
  {
    name: 'dependency remove',
    aliases: ['dep remove', 'dep rm', 'remove-dependency'],
    summary: 'Remove a dependency',
    args: '[KEY] <OTHER>',
    options: [
      id,
      { flags: '--on <key>', description: 'the ticket it depends on', aliases: ['depends-on'] },
    ],
    section: 'Work',
    load: lazy(work, (m) => m.depRemove),
  },
  {
    name: 'dependency list',
    aliases: ['dep list', 'dep ls'],
    summary: 'What a ticket depends on and what it blocks',
    args: '[KEY]',
    options: [id],
    section: 'Work',
    load: lazy(work, (m) => m.depList),
  },
  {
    name: 'comment',
    aliases: ['comment add'],
    summary: 'Add a comment',
    args: '[KEY] <text…>',
    options: [id, { flags: '-m, --message <text>', description: 'the comment text' }],
    section: 'Records',
    load: lazy(records, (m) => m.comment),
  },
  {
    name: 'comments',
    aliases: ['comment list', 'comment ls'],
    summary: 'List comments, oldest first',
    args: '[KEY]',
    options: [id],
    section: 'Records',
    load: lazy(records, (m) => m.comments),
  },
  {
    name: 'history',
    summary: 'What changed, by whom (a ticket, or the whole project)',
    args: '[KEY]',
    options: [
      id,
      { flags: '-n, --limit <n>', description: 'last n events (default 20; 0 = all)' },
      {
        flags: '-u, --user <name>',
        description: 'only changes by this user',
        aliases: ['user_id'],
      },
    ],
    section: 'Records',
    load: lazy(records, (m) => m.history),
  },
  {
    name: 'conversation show',
    aliases: ['conversation'],
    summary: 'Comments and history of a ticket, interleaved',
    args: '[KEY]',
    options: [id],
    section: 'Records',
    load: lazy(records, (m) => m.conversation),
  },
  {
    name: 'project create',
    aliases: ['project add', 'project new'],
    summary: 'Create a project and make it current',
    options: [
      { flags: '--prefix <P>', description: '2 to 5 letters, e.g. CUS' },
      { flags: '--title <text>', description: 'project title' },
      { flags: '-d, --description <text>', description: 'description', aliases: ['desc'] },
      { flags: '--ac <text>', description: 'acceptance criteria' },
      {
        flags: '--git-repository <url>',
        description: 'git repository',
        aliases: ['git', 'git_repository'],
      },
      { flags: '--git-branch <name>', description: 'git branch', aliases: ['git_branch'] },
      { flags: '--visibility <v>', description: 'public (default) or private' },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.create),
  },
  {
    name: 'project list',
    aliases: ['project ls'],
    summary: 'List projects',
    section: 'Projects',
    load: lazy(projects, (m) => m.list),
  },
  {
    name: 'project get',
    aliases: ['project show'],
    summary: 'Show a project',
    args: '[PREFIX]',
    options: [id],
    section: 'Projects',
    load: lazy(projects, (m) => m.get),
  },
  {
    name: 'project use',
    aliases: ['project default'],
    summary: 'Make a project current (no argument: show the current one)',
    args: '[PREFIX]',
    section: 'Projects',
    load: lazy(projects, (m) => m.use),
  },
  {
    name: 'project update',
    summary: 'Change a project',
    args: '[PREFIX]',
    options: [
      id,
      { flags: '--title <text>', description: 'title' },
      { flags: '-d, --description <text>', description: 'description', aliases: ['desc'] },
      { flags: '--ac <text>', description: 'acceptance criteria' },
      {
        flags: '--git-repository <url>',
        description: 'git repository',
        aliases: ['git', 'git_repository'],
      },
      { flags: '--git-branch <name>', description: 'git branch', aliases: ['git_branch'] },
      { flags: '--notes <text>', description: 'notes' },
      { flags: '--status <s>', description: 'open or closed' },
      { flags: '--visibility <v>', description: 'public or private' },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.update),
  },
  {
    name: 'project close',
    aliases: ['project disable'],
    summary: 'Close a project (no new tickets or lifecycle changes)',
    args: '[PREFIX]',
    options: [id],
    section: 'Projects',
    load: lazy(projects, (m) => m.setStatus('closed')),
  },
  {
    name: 'project open',
    aliases: ['project enable'],
    summary: 'Reopen a project',
    args: '[PREFIX]',
    options: [id],
    section: 'Projects',
    load: lazy(projects, (m) => m.setStatus('open')),
  },
  {
    name: 'project delete',
    aliases: ['project rm'],
    summary: 'Delete a project and everything in it',
    args: '<PREFIX>',
    options: [
      id,
      {
        flags: '--confirm <PREFIX>',
        description: 'repeat the prefix to confirm',
        aliases: ['yes'],
      },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.remove),
  },
  {
    name: 'project init',
    summary: 'Create (or find) a project for this directory and make it current',
    options: [
      { flags: '--prefix <P>', description: 'prefix (default: from the directory name)' },
      { flags: '--title <text>', description: 'title (default: the directory name)' },
      { flags: '-d, --description <text>', description: 'description' },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.init),
  },
  {
    name: 'skill',
    summary: 'Print the skill file that teaches coding agents to use tk',
    options: [{ flags: '--install', description: 'write it to .claude/skills/tk/SKILL.md here' }],
    section: 'Workspace',
    load: lazy(agentDocs, (m) => m.skill),
  },
  {
    name: 'onboard',
    summary: 'Print short instructions for coding agents (e.g. tk onboard > AGENTS.md)',
    section: 'Workspace',
    load: lazy(agentDocs, (m) => m.onboard),
  },
  {
    name: 'completion',
    summary: 'Print shell completion (bash, zsh or fish)',
    args: '<shell>',
    section: 'Workspace',
    load: lazy(
      () => import('./commands/completion.ts'),
      (m) => m.completion,
    ),
  },
  // ---- agents ----
  {
    name: 'agent create',
    aliases: ['agent new'],
    summary: 'Create an agent account; prints its UUID and password once (admin)',
    options: [
      { flags: '--password <secret>', description: 'its password (default: generated)' },
      { flags: '--name <text>', description: 'a display name' },
    ],
    section: 'Organisation',
    load: lazy(agents, (m) => m.create),
  },
  {
    name: 'agent list',
    aliases: ['agent ls'],
    summary: 'Agents, their status and the ticket each works on (admin)',
    section: 'Organisation',
    load: lazy(agents, (m) => m.list),
  },
  {
    name: 'agent update',
    summary: 'Change an agent’s password or name (admin)',
    args: '[UUID]',
    options: [
      agentIdOption,
      { flags: '--password <secret>', description: 'a new password' },
      { flags: '--name <text>', description: 'a new display name' },
    ],
    section: 'Organisation',
    load: lazy(agents, (m) => m.update),
  },
  {
    name: 'agent enable',
    summary: 'Let an agent work again (admin)',
    args: '[UUID]',
    options: [agentIdOption],
    section: 'Organisation',
    load: lazy(agents, (m) => m.toggle(true)),
  },
  {
    name: 'agent disable',
    summary: 'Stop an agent from signing in (admin)',
    args: '[UUID]',
    options: [agentIdOption],
    section: 'Organisation',
    load: lazy(agents, (m) => m.toggle(false)),
  },
  {
    name: 'agent delete',
    aliases: ['agent rm'],
    summary: 'Delete an agent; its tickets go back to the queue (admin)',
    args: '[UUID]',
    options: [agentIdOption],
    section: 'Organisation',
    load: lazy(agents, (m) => m.remove),
  },
  {
    name: 'agent reset-password',
    summary: 'Give an agent a new password, shown once (admin)',
    args: '[UUID]',
    options: [agentIdOption, { flags: '--password <secret>', description: 'default: generated' }],
    section: 'Organisation',
    load: lazy(agents, (m) => m.resetPassword),
  },
  {
    name: 'agent config-set',
    summary: 'Set an agent setting, e.g. llm or project (admin)',
    args: '[UUID] <key> <value>',
    options: [agentIdOption],
    section: 'Organisation',
    load: lazy(agents, (m) => m.configSet),
  },
  {
    name: 'agent config-ls',
    summary: 'An agent’s settings (admin)',
    args: '[UUID]',
    options: [agentIdOption],
    section: 'Organisation',
    load: lazy(agents, (m) => m.configList),
  },
  {
    name: 'agent config-rm',
    summary: 'Remove an agent setting (admin)',
    args: '[UUID] <key>',
    options: [agentIdOption],
    section: 'Organisation',
    load: lazy(agents, (m) => m.configRemove),
  },
  {
    name: 'agent run',
    summary: 'Work tickets with an LLM until Ctrl-C (AGENT_ID, AGENT_PASSWORD, TICKET_URL)',
    options: [
      agentIdOption,
      { flags: '--url <url>', description: 'the server (default: TICKET_URL)' },
      {
        flags: '--llm <cmd>',
        description: 'claude, codex or a program path (default: TICKET_AGENT_LLM, else claude)',
      },
      { flags: '--project <prefix>', description: 'only work from this project' },
      { flags: '--timeout <seconds>', description: 'longest LLM run (default 1800)' },
      { flags: '--heartbeat <seconds>', description: 'heartbeat interval (default 30)' },
      {
        flags: '--poll-seconds <n>',
        description: 'first sleep when there is no work; doubles up to 60 (default 5)',
      },
      { flags: '--worktree', description: 'each ticket in its own git worktree and branch' },
      { flags: '-v, --verbose', description: 'stream the LLM input (>) and output (<)' },
    ],
    section: 'Work',
    load: lazy(agents, (m) => m.run),
  },
  {
    name: 'agent request',
    summary: 'Ask for work once as an agent; prints the answer as JSON',
    args: '[KEY]',
    options: [
      { flags: '--agent-id <uuid>', description: 'the agent (default: AGENT_ID)' },
      { flags: '--password <secret>', description: 'its password (default: AGENT_PASSWORD)' },
      { flags: '--url <url>', description: 'the server (default: TICKET_URL)' },
      id,
      { flags: '--project <prefix>', description: 'only work from this project' },
      { flags: '--dry-run', description: 'show what would be handed out', aliases: ['dryrun'] },
    ],
    section: 'Work',
    load: lazy(agents, (m) => m.request),
  },
  {
    name: 'analyse',
    aliases: ['analyze'],
    summary: 'Ask the LLM to break an epic down and create the tickets it proposes',
    args: '[KEY]',
    options: [id],
    section: 'Work',
    load: lazy(agents, (m) => m.analyse),
  },
  // ---- end agents ----
  {
    name: 'register',
    summary: 'Create an account on the server',
    args: '[username]',
    section: 'Workspace',
    options: sessionOptions,
    load: lazy(session, (m) => m.register),
  },
  {
    name: 'login',
    summary: 'Sign in to the server and remember the session',
    args: '[username]',
    section: 'Workspace',
    options: sessionOptions,
    load: lazy(session, (m) => m.login),
  },
  {
    name: 'logout',
    summary: 'End the session and forget it',
    section: 'Workspace',
    load: lazy(session, (m) => m.logout),
  },
  {
    name: 'server',
    summary: 'Serve the HTTP API and web app over this workspace (default :8080)',
    section: 'Workspace',
    options: [
      {
        flags: '--addr <host:port>',
        description: 'address to listen on, e.g. :8080 or 127.0.0.1:9000',
      },
      { flags: '-p, --port <n>', description: 'port to listen on (overrides the port of -addr)' },
      { flags: '-v, --verbose', description: 'log every request' },
    ],
    load: lazy(
      () => import('./commands/server.ts'),
      (m) => m.server,
    ),
  },
  {
    name: 'whoami',
    summary: 'Who you act as, and where',
    section: 'Workspace',
    load: lazy(system, (m) => m.whoami),
  },
  {
    name: 'version',
    summary: 'Print the version',
    section: 'Workspace',
    load: lazy(system, (m) => m.version),
  },
  {
    name: 'help',
    summary: 'Show help for a command',
    args: '[command]',
    section: 'Workspace',
    load: lazy(system, (m) => m.help),
  },
]

/** Finds the command named by the leading words of `words`; the longest name wins. */
export function findCommand(
  words: readonly string[],
): { spec: CommandSpec; used: number } | undefined {
  let best: { spec: CommandSpec; used: number } | undefined
  for (const spec of COMMANDS)
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      const parts = name.split(' ')
      if (
        parts.every((p, i) => words[i]?.toLowerCase() === p) &&
        (!best || parts.length > best.used)
      )
        best = { spec, used: parts.length }
    }
  return best
}

/** The nearest command names to a mistyped one (edit distance ≤ 2, or a shared prefix). */
export function suggest(word: string): string[] {
  const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]).filter(
    (n) => !n.includes(' ') || n.startsWith(`${word} `),
  )
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [
      i,
      ...Array<number>(b.length).fill(0),
    ])
    for (let j = 1; j <= b.length; j++) d[0]![j] = j
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i]![j] = Math.min(
          d[i - 1]![j]! + 1,
          d[i]![j - 1]! + 1,
          d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        )
    return d[a.length]![b.length]!
  }
  return names
    .filter((n) => dist(word, n.split(' ')[0]!) <= 2 || n.startsWith(`${word} `))
    .slice(0, 5)
}
