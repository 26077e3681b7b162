/** `tk agent …` and `tk analyse`: agent accounts, the worker loop, one-off work requests. */
import type { AgentSummary } from '../../domain/agent.ts'
import { conflict } from '../../domain/errors.ts'
import type { CommandContext, Run } from '../command.ts'
import { serverUrlOf, timeoutOf } from '../credentials.ts'
import { isTerminal, stdoutStream, writeStdout } from '../stdout.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'

function agentId(c: CommandContext): string {
  const id = c.str('id') ?? c.args[0]
  if (!id) throw new UsageError('which agent?', 'pass -id UUID (tk agent ls lists them)')
  return id
}

const credentials = (v: { agent: { username: string }; password: string }) =>
  `agent_id: ${v.agent.username}\npassword: ${v.password}\n(the password is shown only now; keep it in AGENT_PASSWORD)`

export const create: Run = async (c) => {
  const svc = await c.service()
  const password = c.str('password')
  const given = c.str('name')
  const [word] = c.args
  if (given && word && given !== word)
    throw new UsageError(
      `two names given: "${word}" and -name "${given}"`,
      'give the name once, as a word or with -name',
    )
  const name = given ?? word
  const description = c.str('description')
  const made = await svc.createAgent({
    ...(password ? { password } : {}),
    ...(name ? { display_name: name } : {}),
    ...(description ? { description } : {}),
  })
  c.out.data(made, credentials)
}

const dash = (v: string | null | undefined) => (v ? v : '-')

export const list: Run = async (c) => {
  const agents = await (await c.service()).listAgents()
  c.out.data(agents, (list: AgentSummary[]) =>
    list.length === 0
      ? 'no agents'
      : table(
          ['UUID', 'NAME', 'ENABLED', 'STATUS', 'TICKET', 'PROJECT', 'LAST_SEEN'],
          list.map((a) => [
            a.username,
            a.display_name === a.username ? '-' : a.display_name,
            String(a.enabled),
            dash(a.status),
            dash(a.ticket_key),
            dash(a.project_prefix),
            dash(a.last_seen),
          ]),
          c.out.width,
        ),
  )
}

export const update: Run = async (c) => {
  const id = agentId(c)
  const password = c.str('password')
  const name = c.str('name')
  const description = c.str('description')
  if (password === undefined && name === undefined && description === undefined)
    throw new UsageError('agent update needs -password, -name or -description')
  const agent = await (await c.service()).updateAgent(id, {
    ...(password !== undefined ? { password } : {}),
    ...(name !== undefined ? { display_name: name } : {}),
    ...(description !== undefined ? { description } : {}),
  })
  c.out.data(agent, (a) => `updated agent ${a.username}`)
}

export const toggle =
  (enabled: boolean): Run =>
  async (c) => {
    const agent = await (await c.service()).setAgentEnabled(agentId(c), enabled)
    c.out.data(agent, (a) => `${enabled ? 'enabled' : 'disabled'} agent ${a.username}`)
  }

export const remove: Run = async (c) => {
  const id = agentId(c)
  await (await c.service()).deleteAgent(id)
  c.out.data({ status: 'deleted', id }, () => `deleted agent ${id}`)
}

export const resetPassword: Run = async (c) => {
  const made = await (await c.service()).resetAgentPassword(agentId(c), c.str('password'))
  c.out.data(made, credentials)
}

/** `config-set -id X KEY VALUE` (the id may also come first among the words). */
function configWords(c: CommandContext, needed: number): [id: string, ...rest: string[]] {
  const words = c.str('id') ? [c.str('id')!, ...c.args] : c.args
  if (words.length < needed + 1)
    throw new UsageError(
      `this needs the agent and ${needed === 2 ? 'a key and a value' : 'a key'}`,
      needed === 2
        ? 'e.g. tk agent config-set -id UUID llm claude'
        : 'e.g. tk agent config-rm -id UUID llm',
    )
  return words as [string, ...string[]]
}

export const configSet: Run = async (c) => {
  const [id, key, ...value] = configWords(c, 2)
  const entry = await (await c.service()).setAgentConfig(id, key!, value.join(' '))
  c.out.data(entry, (e) => `${e.key}=${e.value}`)
}

export const configList: Run = async (c) => {
  const entries = await (await c.service()).listAgentConfig(agentId(c))
  c.out.data(entries, (list) =>
    list.length === 0 ? '(no config)' : list.map((e) => `${e.key}=${e.value}`).join('\n'),
  )
}

export const configRemove: Run = async (c) => {
  const [id, key] = configWords(c, 1)
  await (await c.service()).deleteAgentConfig(id, key!)
  c.out.data({ status: 'deleted', key }, () => `deleted ${key}`)
}

type AgentSettings = { url: string; id: string; password: string }

/**
 * The server, the agent and its password: flags, then AGENT_ID / AGENT_PASSWORD / TICKET_URL;
 * the password is typed in (masked) when a terminal is there to type it. Whatever is still
 * missing is named in one error.
 */
async function agentSettings(c: CommandContext, idFlag: 'id' | 'agentId'): Promise<AgentSettings> {
  const flagName = idFlag === 'id' ? 'id' : 'agent-id'
  const url = (c.str('url') ?? serverUrlOf(c.workspace, c.env))?.replace(/\/+$/, '')
  const id = c.str(idFlag) ?? c.env.AGENT_ID
  let password = c.str('password') ?? c.env.AGENT_PASSWORD
  const missing = [!id && `AGENT_ID (or -${flagName})`, !url && 'TICKET_URL (or -url)'].filter(
    (m): m is string => typeof m === 'string',
  )
  if (!password && missing.length === 0 && process.stdin.isTTY) {
    const { promptSecret } = await import('../secret-prompt.ts')
    password = await promptSecret('agent password: ')
  }
  if (!password) missing.push('AGENT_PASSWORD (or type it in at a terminal)')
  if (missing.length > 0)
    throw new UsageError(
      `missing required settings: ${missing.join(', ')}`,
      'e.g. AGENT_ID=… AGENT_PASSWORD=… TICKET_URL=http://localhost:8080 tk agent run',
    )
  return { url: url!, id: id!, password: password! }
}

async function agentClient(c: CommandContext, s: AgentSettings) {
  const { HttpService } = await import('../../client/http-service.ts')
  const timeoutMs = timeoutOf(c.env)
  return new HttpService({
    url: s.url,
    agent: { id: s.id, password: s.password },
    ...(timeoutMs ? { timeoutMs } : {}),
  })
}

const seconds = (c: CommandContext, name: string, fallback: number) => {
  const v = c.int(name)
  if (v === undefined) return fallback * 1000
  if (v < 1) throw new UsageError(`-${name} must be at least 1`)
  return v * 1000
}

/** `tk agent run`: the worker loop until Ctrl-C (docs/agents.md). */
export const run: Run = async (c) => {
  const settings = await agentSettings(c, 'id')
  const spec = c.str('llm') ?? (c.env.TICKET_AGENT_LLM || 'claude')
  const [{ Worker }, { resolveLlm }] = await Promise.all([
    import('../../agent/worker.ts'),
    import('../../agent/llm-runner.ts'),
  ])
  const api = await agentClient(c, settings)
  const stop = new AbortController()
  const log = (line: string) => process.stderr.write(`[agent] ${line}\n`)
  const onSignal = () => {
    log('stopping; a ticket in progress goes back to the queue (Ctrl-C again quits at once)')
    process.once('SIGINT', () => process.exit(130))
    stop.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const project = c.env.TICKET_AGENT_PROJECT
  try {
    await new Worker({
      api,
      llm: resolveLlm(spec),
      llmPinned: c.str('llm') !== undefined || Boolean(c.env.TICKET_AGENT_LLM),
      llmTimeoutMs: seconds(c, 'timeout', 30 * 60),
      heartbeatMs: seconds(c, 'heartbeat', 30),
      pollMs: seconds(c, 'pollSeconds', 5),
      maxPollMs: 60_000,
      cwd: c.cwd,
      worktree: c.bool('worktree'),
      verbose: c.bool('verbose'),
      signal: stop.signal,
      log,
      write: (s) => {
        stdoutStream().write(s)
      },
      ...(project ? { project } : {}),
    }).run()
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** `tk agent request`: one work request, printed as JSON (for scripts). */
export const request: Run = async (c) => {
  const settings = await agentSettings(c, 'agentId')
  const api = await agentClient(c, settings)
  const ticket = c.str('id') ?? c.args[0]
  const project = c.env.TICKET_AGENT_PROJECT
  const work = await api.requestWork({
    ...(ticket ? { ticket: c.ref(ticket) } : {}),
    ...(project ? { project } : {}),
    dry_run: c.bool('dryRun'),
  })
  writeStdout(`${JSON.stringify(work, null, isTerminal(1) ? 2 : undefined)}\n`)
}

/**
 * `tk agent heartbeat [KEY]`: for an agent driven from a shell (AGENT_ID, locally or with
 * TICKET_URL and AGENT_PASSWORD), what the worker's timer does. Any write it makes renews the
 * lease too; this is for long stretches without one. Holding nothing is an error here (the
 * worker's timer is content with it): a shell agent that lost its ticket must stop and claim.
 */
export const heartbeat: Run = async (c) => {
  const key = c.args[0] === undefined ? undefined : c.ref(c.args[0])
  const beat = await (await c.service()).heartbeat(undefined, key)
  if (beat.lease_expires_at === null)
    throw conflict(
      'you hold no ticket under a lease: there is nothing to renew',
      'claim one (tk claim); to learn why you lost a ticket, run tk agent heartbeat KEY',
    )
  c.out.data(beat, (b) => `lease renewed until ${b.lease_expires_at}`)
}

/** `tk analyse KEY` / `tk analyse -story ID`: the LLM's breakdown, created as tickets. */
export const analyse: Run = async (c) => {
  const story = c.int('story')
  const svc = await c.service()
  const result = story !== undefined ? await svc.analyseStory(story) : await svc.analyse(c.ticket())
  c.out.data(result, (r) =>
    [
      `created ${r.created.length} ticket(s) under ${r.parent}:`,
      ...r.created.map((t) => `  ${t.key}  [${t.type}] ${t.title}`),
    ].join('\n'),
  )
}
