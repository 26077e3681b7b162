/** @module The command table: names, flags and help for every command; code loads on use. */
import type { FlagAction } from '../domain/ticket-flags.ts'
import type { CommandSpec, Run } from './command.ts'
import {
  addOptions,
  agentIdOption,
  agentServer,
  colour,
  dependencyOptions,
  desc,
  dryRun,
  force,
  forceComplete,
  id,
  idAndMessage,
  includeClosed,
  labelRef,
  labelsOfTicket,
  limit,
  listReach,
  message,
  nameOpt,
  newTicketOptions,
  parentTeam,
  projectFields,
  projectId,
  projectRole,
  ref,
  reviewOptions,
  reviewStatus,
  roleAims,
  sessionOptions,
  storyId,
  storyTicketOptions,
  teamAgentOptions,
  teamMemberOptions,
  teamOpt,
  textOptions,
  ticketFields,
  ticketFilters,
  title,
  username,
  userOpt,
  workflowTicket,
} from './shared-options.ts'

const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => Run) =>
  async (): Promise<Run> =>
    pick(await load())

const session = () => import('./commands/session.ts')
const tickets = () => import('./commands/tickets.ts')
const epics = () => import('./commands/epics.ts')
const lifecycle = () => import('./commands/lifecycle.ts')
const work = () => import('./commands/work.ts')
const records = () => import('./commands/records.ts')
const projects = () => import('./commands/projects.ts')
const system = () => import('./commands/system.ts')
const agentDocs = () => import('./commands/agent-docs.ts')
const config = () => import('./commands/config.ts')
// ---- labels, time, views, clone, health, doctor, snapshots: loaders ----
const labels = () => import('./commands/labels.ts')
const time = () => import('./commands/time.ts')
const views = () => import('./commands/views.ts')
const cloning = () => import('./commands/clone.ts')
const health = () => import('./commands/health.ts')
const doctor = () => import('./commands/doctor.ts')
const snapshot = () => import('./commands/snapshot.ts')
// ---- end loaders ----
const agents = () => import('./commands/agents.ts')

const typeShortcut = (name: string, summary: string, type = name): CommandSpec => ({
  name,
  summary,
  args: '<title words…>',
  options: newTicketOptions,
  section: 'Tickets',
  load: lazy(tickets, (m) => m.addOfType(type)),
})

const stateCommand = (name: string, summary: string): CommandSpec => ({
  name,
  summary,
  args: '[KEY]',
  options: name === 'complete' ? [...idAndMessage, forceComplete] : idAndMessage,
  section: 'Lifecycle',
  load: lazy(lifecycle, (m) => m.stateShortcut(name)),
})

const toggle = (name: FlagAction, summary: string): CommandSpec => ({
  name,
  summary,
  args: '[KEY]',
  options: idAndMessage,
  section: 'Lifecycle',
  load: lazy(lifecycle, (m) => m.toggle(name)),
})

// ---------------------------------------------------------------------------------------------
// Organisation and planning: workflows, roles, users, teams, project access,
// stories, requirements and decisions.
const workflows = () => import('./commands/workflows.ts')
const roles = () => import('./commands/roles.ts')
const users = () => import('./commands/users.ts')
const teams = () => import('./commands/teams.ts')
const access = () => import('./commands/access.ts')
const stories = () => import('./commands/stories.ts')
const requirements = () => import('./commands/requirements.ts')

type Org = Omit<CommandSpec, 'section' | 'load'>
const org = (spec: Org, load: CommandSpec['load']): CommandSpec => ({
  ...spec,
  section: 'Organisation',
  load,
})
const plan = (spec: Org, load: CommandSpec['load']): CommandSpec => ({
  ...spec,
  section: 'Planning',
  load,
})

const PART_B_COMMANDS: readonly CommandSpec[] = [
  org(
    { name: 'workflow list', aliases: ['workflow ls'], summary: 'List workflows and their stages' },
    lazy(workflows, (m) => m.list),
  ),
  org(
    {
      name: 'workflow get',
      aliases: ['workflow show'],
      summary: 'Show a workflow: stages, order, roles',
      args: '[WORKFLOW]',
      options: [ref('workflow')],
    },
    lazy(workflows, (m) => m.get),
  ),
  org(
    {
      name: 'workflow create',
      aliases: ['workflow add', 'workflow new'],
      summary: 'Create a workflow (admin)',
      args: '[name]',
      options: [
        nameOpt('workflow'),
        desc,
        { flags: '--stages <a,b,c>', description: 'its stages, in order' },
      ],
    },
    lazy(workflows, (m) => m.create),
  ),
  org(
    {
      name: 'workflow delete',
      aliases: ['workflow rm'],
      summary: 'Delete an unused workflow (admin)',
      args: '[WORKFLOW]',
      options: [ref('workflow')],
    },
    lazy(workflows, (m) => m.remove),
  ),
  org(
    {
      name: 'workflow add-stage',
      summary: 'Add a stage to a workflow (admin)',
      args: '[WORKFLOW]',
      options: [
        ref('workflow'),
        {
          flags: '--name <stage>',
          description: 'the stage name (one lower-case word)',
          aliases: ['stage'],
        },
        desc,
        { flags: '--role <role>', description: 'the role that works this stage (id or name)' },
        {
          flags: '--order <n>',
          description: 'its place: 0 = first (default: last)',
          aliases: ['position'],
        },
      ],
    },
    lazy(workflows, (m) => m.addStage),
  ),
  org(
    {
      name: 'workflow remove-stage',
      summary: 'Remove a stage no ticket stands in (admin)',
      args: '[WORKFLOW]',
      options: [
        ref('workflow'),
        { flags: '--stage <name|id>', description: 'the stage', aliases: ['stage-id', 'stage_id'] },
      ],
    },
    lazy(workflows, (m) => m.removeStage),
  ),
  org(
    {
      name: 'workflow reorder-stages',
      summary: 'Put the stages in a new order (admin)',
      args: '[WORKFLOW] <a,b,c>',
      options: [
        ref('workflow'),
        { flags: '--stages <a,b,c>', description: 'every stage, in the new order' },
      ],
    },
    lazy(workflows, (m) => m.reorderStages),
  ),
  org(
    {
      name: 'workflow export',
      summary: 'Write a workflow as JSON (stdout, or -o file)',
      args: '[WORKFLOW]',
      options: [
        ref('workflow'),
        { flags: '-o, --output <file>', description: 'write to this file' },
      ],
    },
    lazy(workflows, (m) => m.exportWorkflow),
  ),
  org(
    {
      name: 'workflow import',
      summary: 'Create a workflow from an exported JSON file (admin)',
      args: '[file]',
      options: [
        { flags: '-i, --input <file>', description: 'the JSON file', aliases: ['in'] },
        { flags: '--name <name>', description: 'use this name instead of the exported one' },
      ],
    },
    lazy(workflows, (m) => m.importWorkflow),
  ),
  org(
    {
      name: 'workflow set',
      summary:
        'Give a ticket (-ticket) or the project (-project) a workflow; tickets are kept valid',
      args: '[WORKFLOW]',
      options: [{ ...ref('workflow'), aliases: ['workflow', 'workflow_id'] }, workflowTicket],
    },
    lazy(workflows, (m) => m.set),
  ),
  org(
    {
      name: 'workflow unset',
      summary:
        'Clear the workflow of a ticket (inherits the project’s) or of the project (default)',
      options: [workflowTicket],
    },
    lazy(workflows, (m) => m.unset),
  ),

  org(
    { name: 'role list', aliases: ['role ls'], summary: 'List roles' },
    lazy(roles, (m) => m.list),
  ),
  org(
    {
      name: 'role get',
      aliases: ['role show'],
      summary: 'Show a role',
      args: '[ROLE]',
      options: [ref('role')],
    },
    lazy(roles, (m) => m.get),
  ),
  org(
    {
      name: 'role create',
      aliases: ['role add', 'role new'],
      summary: 'Create a role (admin)',
      args: '[name]',
      options: [
        nameOpt('role'),
        { flags: '--title <text>', description: 'job title (default: the name)' },
        ...roleAims,
      ],
    },
    lazy(roles, (m) => m.create),
  ),
  org(
    {
      name: 'role update',
      summary: 'Change a role (admin)',
      args: '[ROLE]',
      options: [
        ref('role'),
        nameOpt('new role'),
        { flags: '--title <text>', description: 'job title' },
        ...roleAims,
      ],
    },
    lazy(roles, (m) => m.update),
  ),
  org(
    {
      name: 'role delete',
      aliases: ['role rm'],
      summary: 'Delete a role (admin; -force clears it from stages)',
      args: '[ROLE]',
      options: [ref('role'), force('also clear it from workflow stages')],
    },
    lazy(roles, (m) => m.remove),
  ),

  org(
    {
      name: 'user list',
      aliases: ['user ls'],
      summary: 'List users (admin)',
      options: [{ flags: '-a, --all', description: 'include agents' }],
    },
    lazy(users, (m) => m.list),
  ),
  org(
    {
      name: 'user create',
      summary: 'Create a user (admin); the password is generated when not given',
      args: '[username]',
      options: [
        username,
        { flags: '--password <pw>', description: 'password (at least 8 characters)' },
        { flags: '--role <role>', description: 'admin or user (default user)' },
        { flags: '--type <type>', description: 'user or agent (default user)' },
        { flags: '--display-name <text>', description: 'display name', aliases: ['display_name'] },
        { flags: '--email <addr>', description: 'email address' },
      ],
    },
    lazy(users, (m) => m.create),
  ),
  org(
    {
      name: 'user enable',
      summary: 'Enable a user (admin)',
      args: '[username]',
      options: [username],
    },
    lazy(users, (m) => m.enable),
  ),
  org(
    {
      name: 'user disable',
      summary: 'Disable a user and end their sessions (admin)',
      args: '[username]',
      options: [username],
    },
    lazy(users, (m) => m.disable),
  ),
  org(
    {
      name: 'user reset-password',
      summary: 'Set a new password (generated when not given) and end all sessions (admin)',
      args: '[username]',
      options: [username, { flags: '--password <pw>', description: 'the new password' }],
    },
    lazy(users, (m) => m.resetPassword),
  ),
  org(
    {
      name: 'user delete',
      aliases: ['user rm', 'user del'],
      summary: 'Delete a user (admin)',
      args: '[username]',
      options: [username],
    },
    lazy(users, (m) => m.remove),
  ),

  org(
    { name: 'team list', aliases: ['team ls'], summary: 'List teams' },
    lazy(teams, (m) => m.list),
  ),
  org(
    {
      name: 'team get',
      aliases: ['team show'],
      summary: 'Show a team: members, agents, sub-teams, projects',
      args: '[TEAM]',
      options: [ref('team')],
    },
    lazy(teams, (m) => m.get),
  ),
  org(
    {
      name: 'team create',
      aliases: ['team add', 'team new'],
      summary: 'Create a team (admin); you become its owner',
      args: '[name]',
      options: [nameOpt('team'), desc, parentTeam('the parent team')],
    },
    lazy(teams, (m) => m.create),
  ),
  org(
    {
      name: 'team update',
      summary: 'Rename a team or move it (-parent none for top level)',
      args: '[TEAM]',
      options: [ref('team'), nameOpt('new team'), desc, parentTeam('the new parent, or none')],
    },
    lazy(teams, (m) => m.update),
  ),
  org(
    {
      name: 'team delete',
      aliases: ['team rm'],
      summary: 'Delete a team (its memberships go with it)',
      args: '[TEAM]',
      options: [ref('team')],
    },
    lazy(teams, (m) => m.remove),
  ),
  org(
    {
      name: 'team members',
      aliases: ['team users'],
      summary: 'List a team’s members',
      args: '[TEAM]',
      options: [ref('team')],
    },
    lazy(teams, (m) => m.members),
  ),
  org(
    {
      name: 'team add-member',
      aliases: ['team add-user'],
      summary: 'Add a member (or change their role)',
      args: '[TEAM] [user]',
      options: [
        ...teamMemberOptions,
        { flags: '--role <role>', description: 'member (default) or owner' },
        { flags: '--job-title <text>', description: 'job title', aliases: ['job_title'] },
      ],
    },
    lazy(teams, (m) => m.addMember),
  ),
  org(
    {
      name: 'team remove-member',
      aliases: ['team remove-user'],
      summary: 'Remove a member',
      args: '[TEAM] [user]',
      options: teamMemberOptions,
    },
    lazy(teams, (m) => m.removeMember),
  ),
  org(
    {
      name: 'team add-agent',
      summary: 'Add an agent to a team',
      args: '[TEAM] [agent]',
      options: teamAgentOptions,
    },
    lazy(teams, (m) => m.addAgent),
  ),
  org(
    {
      name: 'team remove-agent',
      summary: 'Remove an agent from a team',
      args: '[TEAM] [agent]',
      options: teamAgentOptions,
    },
    lazy(teams, (m) => m.removeAgent),
  ),

  org(
    {
      name: 'project users',
      aliases: ['project members'],
      summary: 'List the project’s members (owner)',
    },
    lazy(access, (m) => m.users),
  ),
  org(
    {
      name: 'project add-user',
      summary: 'Give a user a role on the project (owner)',
      args: '[user]',
      options: [userOpt, projectRole],
    },
    lazy(access, (m) => m.addUser),
  ),
  org(
    {
      name: 'project remove-user',
      summary: 'Remove a user from the project (owner)',
      args: '[user]',
      options: [userOpt],
    },
    lazy(access, (m) => m.removeUser),
  ),
  org(
    { name: 'project teams', summary: 'List the teams with access to the project (owner)' },
    lazy(access, (m) => m.teams),
  ),
  org(
    {
      name: 'project add-team',
      summary: 'Give a team (and its sub-teams) a role on the project (owner)',
      args: '[team]',
      options: [teamOpt, projectRole],
    },
    lazy(access, (m) => m.addTeam),
  ),
  org(
    {
      name: 'project remove-team',
      summary: 'Remove a team from the project (owner)',
      args: '[team]',
      options: [teamOpt],
    },
    lazy(access, (m) => m.removeTeam),
  ),

  plan(
    {
      name: 'story create',
      aliases: ['story add', 'story new'],
      summary: 'Write a user story (status draft)',
      args: '<title words…>',
      options: [title, desc],
    },
    lazy(stories, (m) => m.create),
  ),
  plan(
    {
      name: 'story list',
      aliases: ['story ls'],
      summary: 'The project’s stories, newest first',
      options: [{ flags: '--status <s>', description: 'only this status' }],
    },
    lazy(stories, (m) => m.list),
  ),
  plan(
    {
      name: 'story get',
      aliases: ['story show'],
      summary: 'Show a story and its tickets',
      args: '<id>',
      options: [storyId],
    },
    lazy(stories, (m) => m.get),
  ),
  plan(
    {
      name: 'story update',
      summary: 'Change a story (status: draft → ready_for_review → accepted → done)',
      args: '<id>',
      options: [storyId, title, desc, { flags: '--status <s>', description: 'the next status' }],
    },
    lazy(stories, (m) => m.update),
  ),
  plan(
    {
      name: 'story delete',
      aliases: ['story rm'],
      summary: 'Delete a story (its tickets stay)',
      args: '<id>',
      options: [storyId],
    },
    lazy(stories, (m) => m.remove),
  ),
  plan(
    {
      name: 'story link',
      summary: 'Link a ticket to a story',
      args: '<id> <KEY>',
      options: storyTicketOptions,
    },
    lazy(stories, (m) => m.link),
  ),
  plan(
    {
      name: 'story unlink',
      summary: 'Unlink a ticket from a story',
      args: '<id> <KEY>',
      options: storyTicketOptions,
    },
    lazy(stories, (m) => m.unlink),
  ),

  plan(
    {
      name: 'idea new',
      aliases: ['idea add', 'idea create'],
      summary: 'Capture a requirement',
      args: '<title words…>',
      options: newTicketOptions,
    },
    lazy(tickets, (m) => m.addOfType('requirement')),
  ),
  plan(
    {
      name: 'idea ls',
      aliases: ['idea list'],
      summary: 'List requirements (= review)',
      args: '[status]',
      options: [reviewStatus],
    },
    lazy(requirements, (m) => m.review),
  ),
  plan(
    {
      name: 'idea get',
      aliases: ['idea show'],
      summary: 'Show a requirement',
      args: '[KEY]',
      options: [id],
    },
    lazy(tickets, (m) => m.get),
  ),
  plan(
    {
      name: 'review',
      summary: 'Requirements and their review status',
      args: '[status]',
      options: [reviewStatus],
    },
    lazy(requirements, (m) => m.review),
  ),
  plan(
    {
      name: 'accept',
      summary: 'Accept a requirement (its first stage completes)',
      args: '[requirement] KEY',
      options: reviewOptions,
    },
    lazy(requirements, (m) => m.accept),
  ),
  plan(
    {
      name: 'reject',
      summary: 'Reject a requirement (state fail)',
      args: '[requirement] KEY',
      options: reviewOptions,
    },
    lazy(requirements, (m) => m.reject),
  ),
  plan(
    {
      name: 'revise',
      summary: 'Rework a requirement for another review',
      args: '[requirement] KEY',
      options: [...reviewOptions, ...textOptions],
    },
    lazy(requirements, (m) => m.revise),
  ),
  plan(
    {
      name: 'curate',
      summary: 'Distil a new requirement from tickets (linked both ways)',
      args: 'KEY [KEY…]',
      options: textOptions,
    },
    lazy(requirements, (m) => m.curate),
  ),
  plan(
    {
      name: 'decision add',
      aliases: ['decision new'],
      summary: 'Record a decision',
      args: '<text…>',
      options: [{ flags: '--title <text>', description: 'the decision' }, desc],
    },
    lazy(requirements, (m) => m.decisionAdd),
  ),
  plan(
    { name: 'decision list', aliases: ['decision ls'], summary: 'The project’s decisions' },
    lazy(requirements, (m) => m.decisionList),
  ),
]
// ---------------------------------------------------------------------------------------------

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'init',
    summary: 'Create the workspace, database, admin user and default project',
    options: [
      {
        flags: '--password <pw>',
        description: 'admin password (generated and printed when absent); remote mode: yours',
      },
      { flags: '--prefix <P>', description: 'also create project P and make it current' },
      { flags: '--title <T>', description: 'title for -prefix' },
      force('start over: delete the existing database first'),
      {
        flags: '--url <url>',
        description: 'remote mode: remember this server and sign in (default: TICKET_URL)',
      },
      { flags: '-u, --username <name>', description: 'remote mode: the account to sign in as' },
      { flags: '--skill', description: 'also write the agent skill to .claude/skills/tk/SKILL.md' },
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
  {
    name: 'epic use',
    summary: 'Make an epic the current one: new tasks, bugs and chores go under it',
    args: '<KEY>',
    section: 'Tickets',
    load: lazy(epics, (m) => m.use),
  },
  {
    name: 'epic clear',
    summary: 'Forget the current epic',
    section: 'Tickets',
    load: lazy(epics, (m) => m.clear),
  },
  {
    name: 'epic list',
    aliases: ['epic ls'],
    summary: 'The project’s epics; * marks the current one',
    options: [includeClosed],
    section: 'Tickets',
    load: lazy(epics, (m) => m.list),
  },
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
    options: [
      ...ticketFilters,
      { flags: '--parent <key>', description: 'only children of this ticket' },
      ...listReach,
      { flags: '--plain', description: 'KEY, TYPE, STATUS, TITLE separated by tabs; no header' },
    ],
    section: 'Tickets',
    load: lazy(tickets, (m) => m.list),
  },
  {
    name: 'get',
    aliases: ['show'],
    summary: 'Show a ticket in full, with its latest comments and history',
    args: '[KEY]',
    options: [
      id,
      { flags: '--brief', description: 'leave out comments and history (the short form)' },
    ],
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
      {
        flags: '--parent <key>',
        description: 'attach under this ticket ("" detaches), as tk set-parent',
        aliases: ['parent_id', 'parent-id'],
      },
      {
        flags: '-a, --assignee <user>',
        description: 'assign to this user ("" unassigns), as tk assign',
      },
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
      ...ticketFilters,
      ...listReach,
      { flags: '--all-projects', description: 'search every project', aliases: ['allprojects'] },
      { flags: '--title <text>', description: 'only titles containing this' },
      {
        flags: '--description <text>',
        description: 'only descriptions or acceptance criteria containing this',
      },
      { flags: '-p, --priority <n>', description: 'only this priority' },
      { flags: '--owner <name>', description: 'only tickets assigned to this user' },
    ],
    section: 'Tickets',
    load: lazy(tickets, (m) => m.search),
  },
  {
    name: 'state',
    summary: 'Set the state (idle, active, success, fail) or move to a stage',
    args: '[KEY] <state|stage>',
    options: [...idAndMessage, forceComplete],
    section: 'Lifecycle',
    load: lazy(lifecycle, (m) => m.state),
  },
  {
    name: 'stage',
    summary: 'Show the stage, or move the ticket to a stage',
    args: '[KEY] [stage]',
    options: idAndMessage,
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
    options: [id, includeClosed],
    section: 'Tickets',
    load: lazy(work, (m) => m.tree),
  },
  {
    name: 'claim',
    summary: 'Take a ticket (or the next eligible one) and start it',
    args: '[KEY]',
    options: [id, dryRun],
    section: 'Work',
    load: lazy(work, (m) => m.claim),
  },
  {
    name: 'request',
    summary: 'Ask for work: your active ticket, or the next eligible one',
    args: '[KEY]',
    options: [id, dryRun],
    section: 'Work',
    load: lazy(work, (m) => m.claim),
  },
  {
    name: 'unclaim',
    summary: 'Give up your claim: unassigned and idle again',
    args: '[KEY]',
    options: idAndMessage,
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
    options: idAndMessage,
    section: 'Work',
    load: lazy(work, (m) => m.assign),
  },
  {
    name: 'unassign',
    summary: 'Remove the assignee',
    args: '[KEY]',
    options: idAndMessage,
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
    options: dependencyOptions,
    section: 'Work',
    load: lazy(work, (m) => m.depAdd),
  },
  {
    name: 'dependency remove',
    aliases: ['dep remove', 'dep rm', 'remove-dependency'],
    summary: 'Remove a dependency',
    args: '[KEY] <OTHER>',
    options: dependencyOptions,
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
  // ---- labels, time, views, clone, health, doctor, snapshots ----
  {
    name: 'label create',
    aliases: ['label new'],
    summary: 'Create a label in the current project',
    args: '<name>',
    options: [
      { flags: '--name <name>', description: 'the name (or give it as the argument)' },
      colour('a colour name or #rrggbb'),
    ],
    section: 'Records',
    load: lazy(labels, (m) => m.create),
  },
  {
    name: 'label list',
    aliases: ['label ls', 'labels'],
    summary: "The current project's labels, with how many tickets carry each",
    section: 'Records',
    load: lazy(labels, (m) => m.list),
  },
  {
    name: 'label update',
    aliases: ['label edit'],
    summary: 'Rename or recolour a label',
    args: '<name|id>',
    options: [
      labelRef,
      { flags: '--name <name>', description: 'the new name' },
      colour('the new colour'),
    ],
    section: 'Records',
    load: lazy(labels, (m) => m.update),
  },
  {
    name: 'label add',
    summary: 'Put labels on a ticket (names or ids, comma-separated)',
    args: '[KEY] <label[,label…]>',
    options: labelsOfTicket,
    section: 'Records',
    load: lazy(labels, (m) => m.add),
  },
  {
    name: 'label remove',
    summary: 'Take labels off a ticket',
    args: '[KEY] <label[,label…]>',
    options: labelsOfTicket,
    section: 'Records',
    load: lazy(labels, (m) => m.remove),
  },
  {
    name: 'label show',
    summary: 'The labels on a ticket',
    args: '[KEY]',
    options: [id],
    section: 'Records',
    load: lazy(labels, (m) => m.show),
  },
  {
    name: 'label delete',
    aliases: ['label rm'],
    summary: 'Delete a label (refused while tickets carry it, unless -force)',
    args: '<name|id>',
    options: [labelRef, force('also take it off every ticket that carries it')],
    section: 'Records',
    load: lazy(labels, (m) => m.del),
  },
  {
    name: 'time log',
    aliases: ['time add'],
    summary: 'Log minutes worked on a ticket',
    args: '[KEY] [minutes] [note…]',
    options: [
      id,
      { flags: '-m, --minutes <n>', description: 'whole minutes, e.g. 30' },
      { flags: '--note <text>', description: 'what the time was spent on' },
    ],
    section: 'Records',
    load: lazy(time, (m) => m.log),
  },
  {
    name: 'time list',
    aliases: ['time ls'],
    summary: 'Time entries of a ticket, oldest first',
    args: '[KEY]',
    options: [id],
    section: 'Records',
    load: lazy(time, (m) => m.list),
  },
  {
    name: 'time total',
    summary: 'Total time logged on a ticket, e.g. 1h 30m',
    args: '[KEY]',
    options: [id],
    section: 'Records',
    load: lazy(time, (m) => m.total),
  },
  {
    name: 'time delete',
    aliases: ['time rm'],
    summary: 'Delete a time entry (yours, or any as admin)',
    args: '<entry id>',
    options: [{ flags: '--id <n>', description: 'the entry id (see tk time list)' }],
    section: 'Records',
    load: lazy(time, (m) => m.remove),
  },
  {
    name: 'board',
    summary: 'Tickets in lanes, one per workflow stage',
    options: [
      includeClosed,
      { flags: '-n, --limit <n>', description: 'at most n cards per lane (default 50, 0 = all)' },
    ],
    section: 'Views',
    load: lazy(views, (m) => m.board),
  },
  {
    name: 'count',
    summary: 'Users, projects and tickets per type and status (all projects, or PREFIX)',
    args: '[PREFIX]',
    section: 'Views',
    load: lazy(views, (m) => m.count),
  },
  {
    name: 'summary',
    summary: 'The daily starting point: active work, what is next, recent activity',
    section: 'Views',
    load: lazy(views, (m) => m.summary),
  },
  {
    name: 'clone',
    aliases: ['cp'],
    summary: 'Copy a ticket and its subtree (new keys; clone_of names the source)',
    args: '[KEY]',
    options: [id],
    section: 'Tickets',
    load: lazy(cloning, (m) => m.clone),
  },
  {
    name: 'health',
    aliases: ['heatlh'],
    summary: 'Score a ticket by the four health checks, or set its score (0-4)',
    args: '[KEY] [score]',
    options: [id, { flags: '--score <n>', description: 'set this score instead of computing it' }],
    section: 'Tickets',
    load: lazy(health, (m) => m.health),
  },
  {
    name: 'health execute',
    aliases: ['health all'],
    summary: 'Score every open ticket of the project',
    section: 'Tickets',
    load: lazy(health, (m) => m.healthAll),
  },
  {
    name: 'doctor',
    summary: 'Check the workspace, database integrity, schema version and current project',
    section: 'Workspace',
    load: lazy(doctor, (m) => m.doctor),
  },
  {
    name: 'doctor project',
    summary: "Check a project's workflow and tickets",
    args: '[PREFIX]',
    options: [
      { flags: '--id <project>', description: 'the project (default: the current one)' },
      { flags: '--health', description: 'also score (and save) every open ticket' },
    ],
    section: 'Workspace',
    load: lazy(doctor, (m) => m.doctorProject),
  },
  {
    name: 'doctor ticket',
    summary: 'Check one ticket: missing fields, hierarchy, workflow role, health',
    args: '[KEY]',
    options: [id],
    section: 'Workspace',
    load: lazy(doctor, (m) => m.doctorTicket),
  },
  {
    name: 'export',
    summary: 'Write every entity to a JSON snapshot (ids and keys kept)',
    args: '[FILE]',
    options: [
      {
        flags: '-o, --output <file>',
        description: 'where to write (default ticket-snapshot.json; - for stdout)',
      },
    ],
    section: 'Workspace',
    load: lazy(snapshot, (m) => m.exportSnapshot),
  },
  {
    name: 'import',
    summary: 'Replace the database with a snapshot, all or nothing',
    args: '[FILE]',
    options: [
      { flags: '-i, --input <file>', description: 'the snapshot (- for stdin)' },
      force('replace a workspace that already holds tickets'),
    ],
    section: 'Workspace',
    load: lazy(snapshot, (m) => m.importSnapshot),
  },
  // ---- end labels, time, views, clone, health, doctor, snapshots ----
  {
    name: 'project create',
    aliases: ['project add', 'project new'],
    summary: 'Create a project and make it current',
    options: [
      { flags: '--prefix <P>', description: '2 to 5 letters, e.g. CUS' },
      { flags: '--title <text>', description: 'project title' },
      ...projectFields,
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
    options: [projectId],
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
      projectId,
      title,
      ...projectFields,
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
    options: [projectId],
    section: 'Projects',
    load: lazy(projects, (m) => m.setStatus('closed')),
  },
  {
    name: 'project open',
    aliases: ['project enable'],
    summary: 'Reopen a project',
    args: '[PREFIX]',
    options: [projectId],
    section: 'Projects',
    load: lazy(projects, (m) => m.setStatus('open')),
  },
  {
    name: 'project delete',
    aliases: ['project rm'],
    summary: 'Delete a project and everything in it',
    args: '<PREFIX>',
    options: [
      projectId,
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
  ...PART_B_COMMANDS,
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
    name: 'mcp',
    summary: 'Serve the agent loop as Model Context Protocol tools on stdio (docs/agents.md)',
    options: [
      { flags: '--stats', description: 'print the tools and what their schema costs, then exit' },
    ],
    section: 'Workspace',
    load: lazy(
      () => import('./commands/mcp.ts'),
      (m) => m.mcp,
    ),
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
      agentServer,
      {
        flags: '--llm <cmd>',
        description: 'claude, codex or a program path (default: TICKET_AGENT_LLM, else claude)',
      },
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
      agentServer,
      id,
      { flags: '--dry-run', description: 'show what would be handed out', aliases: ['dryrun'] },
    ],
    section: 'Work',
    load: lazy(agents, (m) => m.request),
  },
  {
    name: 'analyse',
    aliases: ['analyze'],
    summary: 'Ask the LLM to break an epic, task or story down into the tickets it proposes',
    args: '[KEY]',
    options: [id, { flags: '--story <id>', description: 'break down this story instead' }],
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
    name: 'status',
    summary: 'Where commands go (local or a server), who you are, and whether it answers',
    section: 'Workspace',
    load: lazy(session, (m) => m.status),
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
      { flags: '-v, --verbose', description: 'log every request (failures are always logged)' },
      {
        flags: '--origin <urls>',
        description:
          'web addresses, comma-separated, whose pages may use the session cookie (behind a proxy)',
      },
      {
        flags: '--trust-proxy',
        description: 'behind a reverse proxy: believe its X-Forwarded-Proto, -Host and -For',
      },
    ],
    load: lazy(
      () => import('./commands/server.ts'),
      (m) => m.server,
    ),
  },
  {
    name: 'upgrade',
    summary: 'Migrate the database to this tk now, and say how to update tk itself',
    section: 'Workspace',
    load: lazy(system, (m) => m.upgrade),
  },
  {
    name: 'config list',
    aliases: ['config ls'],
    summary: 'Show the workspace settings in config.json',
    section: 'Workspace',
    load: lazy(config, (m) => m.list),
  },
  {
    name: 'config get',
    summary: 'Print one setting: project, current_epic, server_url or username',
    args: '<key>',
    section: 'Workspace',
    load: lazy(config, (m) => m.get),
  },
  {
    name: 'config set',
    summary:
      'Change one setting (the original’s names project_id, current_epic_id, location work too)',
    args: '<key> <value>',
    section: 'Workspace',
    load: lazy(config, (m) => m.set),
  },
  {
    name: 'config rm',
    aliases: ['config delete'],
    summary: 'Forget one setting',
    args: '<key>',
    section: 'Workspace',
    load: lazy(config, (m) => m.remove),
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
  // The original's `tk ticket add …` namespace: every command also reads after `ticket`.
  if (words[0]?.toLowerCase() === 'ticket' && words.length > 1) {
    const inner = findCommand(words.slice(1))
    return inner && { spec: inner.spec, used: inner.used + 1 }
  }
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
