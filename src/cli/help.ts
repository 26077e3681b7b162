import type { CommandSpec } from './command.ts'
import { SECTIONS } from './command.ts'
import { COMMANDS } from './program.ts'
import { nearest } from './suggest.ts'

const ENVIRONMENT = [
  'TICKET_HOME',
  'TICKET_URL',
  'TICKET_USERNAME',
  'TICKET_PASSWORD',
  'TICKET_TIMEOUT',
  'AGENT_ID',
  'AGENT_PASSWORD',
  'TICKET_AGENT_LLM',
  'TICKET_AGENT_PROJECT',
  'TICKET_ANALYSE_CMD',
  'NO_COLOR',
  'TICKET_DEBUG',
] as const

/** The environment as tk reads it; secrets are shown as set or unset, never their value. */
export function environment(env: NodeJS.ProcessEnv): string[] {
  return ENVIRONMENT.map((name) => {
    const v = env[name]
    const shown = v === undefined || v === '' ? '<unset>' : /PASSWORD/.test(name) ? '<set>' : v
    return `  ${name.padEnd(18)} ${shown}`
  })
}

export function overview(env: NodeJS.ProcessEnv = {}): string {
  const lines = [
    'tk — tickets and projects for people and coding agents',
    '',
    'Usage: tk <command> [flags]   (flags may be -name, --name, -name=value, before or after arguments)',
    '',
  ]
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  for (const section of SECTIONS) {
    lines.push(`${section}:`)
    for (const c of COMMANDS.filter((x) => x.section === section))
      lines.push(`  ${c.name.padEnd(width)}  ${c.summary}`)
    lines.push('')
  }
  lines.push(
    'Global flags:',
    '  --json               machine-readable output (errors as {"error": …} on stderr)',
    '  --fields a,b         with --json: only these fields (of the ticket in claim answers)',
    '  --pretty             with --json: indented even when piped (one line otherwise)',
    '  -project PREFIX      act on this project instead of the current one',
    '  -f DIR|FILE.db       use this workspace',
    '  --no-color           no colour (NO_COLOR is honoured too)',
    '  -g, --gui, tk gui    the terminal UI; -theme NAME picks its theme (docs/tui.md)',
    '',
    'Environment:',
    ...environment(env),
    '',
    'Tickets are named CUS-T-42, CUS-42, or 42 in the current project.',
    'More: tk help <command>',
  )
  return `${lines.join('\n')}\n`
}

export function helpFor(spec: CommandSpec): string {
  const lines = [`tk ${spec.name}${spec.args ? ` ${spec.args}` : ''}`, '', spec.summary]
  if (spec.aliases?.length)
    lines.push('', `Aliases: ${spec.aliases.map((a) => `tk ${a}`).join(', ')}`)
  if (spec.options?.length) {
    lines.push('', 'Flags:')
    for (const o of spec.options) lines.push(`  ${o.flags.padEnd(28)} ${o.description}`)
  }
  lines.push(
    '',
    'Global flags: --json, --pretty, --fields a,b, -project PREFIX, -f DIR, --no-color',
  )
  return `${lines.join('\n')}\n`
}

/** The commands that start with `word` (`tk label` → label create, label list, …), if any. */
export function groupHelp(word: string): string | undefined {
  // A group may be named by an alias of its commands' first word (`tk dep` for `dependency`).
  const alias = COMMANDS.find((c) => c.aliases?.some((a) => a.startsWith(`${word.toLowerCase()} `)))
  const w = alias ? alias.name.split(' ')[0]! : word.toLowerCase()
  const members = COMMANDS.filter((c) => c.name.startsWith(`${w} `))
  if (members.length === 0) return undefined
  const lines = [`tk ${w} <command>`, '', 'Commands:']
  for (const c of members) lines.push(`  ${c.name.padEnd(20)} ${c.summary}`)
  lines.push('', `More: tk help ${w} <command>`)
  return `${lines.join('\n')}\n`
}

/**
 * The nearest commands to a mistyped word, as they are typed: `projct` → `tk project`, or
 * with `group` the nearest of its verbs: `label craete` → `tk label create`.
 */
export function nearCommands(word: string, group?: string): string[] {
  const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])])
  const words = group
    ? names.filter((n) => n.startsWith(`${group} `)).map((n) => n.split(' ')[1]!)
    : names.map((n) => n.split(' ')[0]!)
  return nearest(word, words).map((w) => (group ? `tk ${group} ${w}` : `tk ${w}`))
}

/** "did you mean tk a or tk b?", else where to look. */
export const didYouMean = (near: readonly string[], otherwise: string) =>
  near.length > 0 ? `did you mean ${near.join(' or ')}?` : otherwise
