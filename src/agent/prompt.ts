/** @module The prompt an agent gives its LLM: the ticket and everything around it. */
import type { AgentWork } from '../domain/agent.ts'

const block = (lines: readonly (string | false | undefined)[]) =>
  lines.filter((l): l is string => typeof l === 'string' && l !== '').join('\n')

/**
 * reference/api.md §6.6 in its order (role, project, workflow, ticket, parents), plus the
 * comments so far and what we expect back. Empty parts are left out.
 */
export function buildPrompt(work: AgentWork): string {
  const t = work.ticket
  if (!t) throw new Error('no ticket to build a prompt for')
  const { project, role, workflow } = work
  const parts = [
    role &&
      block([
        `Role: ${role.title || role.name}`,
        role.motivation && `Motivation: ${role.motivation}`,
        role.goals && `Goals: ${role.goals}`,
      ]),
    project &&
      block([
        `Project: ${project.prefix} — ${project.title}`,
        project.description && `Project description: ${project.description}`,
        project.git_repository && `Repository: ${project.git_repository}`,
        project.git_repository && project.git_branch && `Branch: ${project.git_branch}`,
      ]),
    workflow &&
      workflow.stages.length > 0 &&
      `Stages: ${workflow.stages.map((s) => (s === t.stage ? `> ${s}` : s)).join(', ')}`,
    block([
      `Ticket: ${t.key} [${t.type}] (${t.status}, priority ${t.priority})`,
      `Title: ${t.title}`,
      t.description && `Description:\n${t.description}`,
      t.acceptance_criteria && `Acceptance Criteria:\n${t.acceptance_criteria}`,
      t.git_repository && `Repository: ${t.git_repository}`,
      t.git_branch && `Branch: ${t.git_branch}`,
    ]),
    work.parents.length > 0 &&
      block(['Parents:', ...work.parents.map((p) => `  ${p.key} [${p.type}] ${p.title}`)]),
    work.comments.length > 0 &&
      block([
        'Comments (oldest first):',
        ...work.comments.map((c) => `  [${c.created_at}] ${c.author}: ${c.text}`),
      ]),
    [
      'Do the work this ticket asks for, in the current directory, without asking questions.',
      'When you are done, print a short summary of what you did: it becomes a comment on the ticket.',
      'If you cannot do it, say why and exit with a non-zero status.',
    ].join('\n'),
  ]
  return parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join('\n\n')
    .trim()
}
