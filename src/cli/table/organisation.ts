/** @module The Organisation section of the command table (assembled in ../program.ts). */
import type { CommandSpec } from '../command.ts'
import {
  agentIdOption,
  desc,
  force,
  nameOpt,
  parentTeam,
  projectRole,
  ref,
  roleAims,
  teamAgentOptions,
  teamMemberOptions,
  teamOpt,
  username,
  userOpt,
  workflowTicket,
} from '../shared-options.ts'
import { access, agents, inSection, lazy, roles, teams, users, workflows } from './loaders.ts'

const org = inSection('Organisation')

export const ORGANISATION: readonly CommandSpec[] = [
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
      summary: "Write a workflow as JSON (stdout, or -o file); none named: the project's",
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
        {
          flags: '-i, --input <file>',
          description: "the JSON file (the original's -file works too)",
          aliases: ['in', 'file'],
        },
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
  {
    name: 'agent create',
    aliases: ['agent new'],
    summary: 'Create an agent account; prints its UUID and password once (admin)',
    args: '[name]',
    options: [
      { flags: '--password <secret>', description: 'its password (default: generated)' },
      { flags: '--name <text>', description: 'a display name' },
      { flags: '--description <text>', description: 'what the agent is for' },
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
    summary: 'Change an agent’s password, name or description (admin)',
    args: '[UUID]',
    options: [
      agentIdOption,
      { flags: '--password <secret>', description: 'a new password' },
      { flags: '--name <text>', description: 'a new display name' },
      { flags: '--description <text>', description: 'a new description ("" clears it)' },
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
]
