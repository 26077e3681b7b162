/** @module The command table, assembled from one file per help section (./table); code loads on use. */
import type { CommandSpec } from './command.ts'
import { LIFECYCLE } from './table/lifecycle.ts'
import { ORGANISATION } from './table/organisation.ts'
import { PLANNING } from './table/planning.ts'
import { PROJECTS } from './table/projects.ts'
import { RECORDS } from './table/records.ts'
import { TICKETS } from './table/tickets.ts'
import { VIEWS } from './table/views.ts'
import { WORK } from './table/work.ts'
import { WORKSPACE } from './table/workspace.ts'

/** In help order; each section's commands keep their order within it. */
export const COMMANDS: readonly CommandSpec[] = [
  ...TICKETS,
  ...LIFECYCLE,
  ...WORK,
  ...RECORDS,
  ...VIEWS,
  ...PROJECTS,
  ...PLANNING,
  ...ORGANISATION,
  ...WORKSPACE,
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

/**
 * The original's `tk project <id> <verb>` (reference/cli.md §2.2.2) reads as
 * `tk project <verb> <id>`, and `tk project <id>` alone as `tk project get <id>`. The id may be
 * a number or a prefix; a lower-case word alone stays a (possibly mistyped) verb, so
 * `tk project lst` still suggests `tk project list`.
 */
export function projectFirstForm(tokens: readonly string[]): string[] {
  const at = tokens.flatMap((t, i) => (t.startsWith('-') ? [] : [i]))
  const [group, id, verb] = at.map((i) => tokens[i]!)
  if (group?.toLowerCase() !== 'project' || id === undefined) return [...tokens]
  if (findCommand(['project', id])?.used === 2) return [...tokens]
  const out = [...tokens]
  if (verb !== undefined && findCommand(['project', verb])?.used === 2) {
    out[at[1]!] = verb
    out[at[2]!] = id
    return out
  }
  if (verb === undefined && (/^\d+$/.test(id) || /^[A-Z]{2,5}$/.test(id)))
    out.splice(at[1]!, 0, 'get')
  return out
}
