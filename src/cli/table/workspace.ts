/** @module The Workspace section of the command table (assembled in ../program.ts). */
import type { CommandSpec } from '../command.ts'
import { force, id, sessionOptions } from '../shared-options.ts'
import { agentDocs, config, doctor, lazy, session, snapshot, system } from './loaders.ts'

export const WORKSPACE: readonly CommandSpec[] = [
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
      {
        flags: '--populate',
        description:
          'also add a sample project, CRM (epics, tickets, a dependency), and make it current',
      },
    ],
    section: 'Workspace',
    load: lazy(system, (m) => m.init),
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
      () => import('../commands/mcp.ts'),
      (m) => m.mcp,
    ),
  },
  {
    name: 'completion',
    summary: 'Print shell completion (bash, zsh or fish)',
    args: '<shell>',
    section: 'Workspace',
    load: lazy(
      () => import('../commands/completion.ts'),
      (m) => m.completion,
    ),
  },
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
      {
        flags: '--db <url>',
        description:
          'serve a PostgreSQL database (postgres://user:pass@host/db) instead of the workspace file; default $TICKET_DATABASE_URL',
      },
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
      {
        flags: '--threads <n>',
        description:
          'HTTP threads serving a SQLite workspace on one port (Linux), 1 to 64; default $TICKET_SERVER_THREADS, else 1',
      },
    ],
    load: lazy(
      () => import('../commands/server.ts'),
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
