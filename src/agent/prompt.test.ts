import { expect, it } from 'vitest'
import type { AgentWork } from '../domain/agent.ts'
import type { Project } from '../domain/project.ts'
import type { Ticket } from '../domain/ticket.ts'
import { llmEnv, resolveLlm } from './llm-runner.ts'
import { buildPrompt } from './prompt.ts'

const ticket = (over: Partial<Ticket>): Ticket =>
  ({
    key: 'CUS-T-2',
    type: 'task',
    title: 'Reset password',
    description: 'Send a reset link',
    acceptance_criteria: 'The link expires after an hour',
    status: 'develop/active',
    stage: 'develop',
    priority: 2,
    git_repository: '',
    git_branch: '',
    ...over,
  }) as Ticket

const work: AgentWork = {
  status: 'NEW',
  claim: 'ASSIGNED',
  ticket: ticket({}),
  project: {
    prefix: 'CUS',
    title: 'Customer Portal',
    description: '',
    git_repository: 'git@example.com:cus.git',
    git_branch: 'main',
  } as Project,
  parents: [ticket({ key: 'CUS-E-1', type: 'epic', title: 'Accounts' })],
  comments: [
    {
      id: 1,
      ticket_id: 2,
      ticket_key: 'CUS-T-2',
      author: 'alice',
      text: 'Use the mailer',
      created_at: '2026-01-01T00:00:00.000Z',
    },
  ],
  workflow: { stages: ['design', 'develop', 'test', 'done'] },
  role: { name: 'lead', title: 'Lead Engineer', motivation: 'Ship', goals: 'Green CI' },
  lease_expires_at: null,
  config: {},
}

it('puts the role, project, stages, ticket, parents and comments in the prompt, in that order', () => {
  const p = buildPrompt(work)
  const order = [
    'Role: Lead Engineer',
    'Motivation: Ship',
    'Project: CUS — Customer Portal',
    'Repository: git@example.com:cus.git',
    'Branch: main',
    'Stages: design, > develop, test, done',
    'Ticket: CUS-T-2 [task] (develop/active, priority 2)',
    'Title: Reset password',
    'Description:\nSend a reset link',
    'Acceptance Criteria:\nThe link expires after an hour',
    'Parents:\n  CUS-E-1 [epic] Accounts',
    'Comments (oldest first):\n  [2026-01-01T00:00:00.000Z] alice: Use the mailer',
    'print a short summary',
  ].map((s) => p.indexOf(s))
  expect(order.every((i) => i >= 0)).toBe(true)
  expect([...order].sort((a, b) => a - b)).toEqual(order)
})

it('leaves out what is empty', () => {
  const p = buildPrompt({ ...work, role: null, parents: [], comments: [], project: null })
  expect(p).not.toContain('Role:')
  expect(p).not.toContain('Parents:')
  expect(p).not.toContain('Comments')
  expect(p.startsWith('Stages:')).toBe(true)
})

it('maps claude and codex to their non-interactive modes', () => {
  expect(resolveLlm('claude')).toEqual({ command: 'claude', args: ['-p'] })
  expect(resolveLlm('codex')).toEqual({ command: 'codex', args: ['exec'] })
  expect(resolveLlm('codex --full-auto')).toEqual({
    command: 'codex',
    args: ['exec', '--full-auto'],
  })
  expect(resolveLlm('/opt/llm --fast')).toEqual({ command: '/opt/llm', args: ['--fast'] })
})

it('keeps our passwords from the LLM, and its own keys with it', () => {
  const env = llmEnv({
    AGENT_PASSWORD: 'a',
    TICKET_PASSWORD: 'b',
    ANTHROPIC_API_KEY: 'k',
    PATH: '/bin',
  })
  expect(env).toMatchObject({ ANTHROPIC_API_KEY: 'k', PATH: '/bin', NO_COLOR: '1' })
  expect(env.AGENT_PASSWORD).toBeUndefined()
  expect(env.TICKET_PASSWORD).toBeUndefined()
})
