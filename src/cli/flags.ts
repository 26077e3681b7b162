/** @module Go-style flags over commander: `-name v`, `--name v`, `-name=v`, anywhere on the line. */
import { Command, CommanderError, Option } from 'commander'
import type { CommandSpec, OptionSpec } from './command.ts'
import { UsageError } from './usage-error.ts'

type Parsed = { args: string[]; opts: Record<string, unknown> }

const longOf = (o: OptionSpec) => /--([\w-]+)/.exec(o.flags)?.[1]
const shortOf = (o: OptionSpec) => /(?:^|[ ,])-(\w)(?:[ ,]|$)/.exec(o.flags)?.[1]

/** Rewrites single-dash long names and aliases into the `--long` form commander knows. */
export function normaliseFlags(
  tokens: readonly string[],
  options: readonly OptionSpec[],
): string[] {
  const canonical = new Map<string, string>()
  const shorts = new Set<string>()
  for (const o of options) {
    const long = longOf(o)
    if (long) canonical.set(long, long)
    for (const a of o.aliases ?? []) if (long) canonical.set(a, long)
    const s = shortOf(o)
    if (s) shorts.add(s)
  }
  const out: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t === '--') {
      out.push(...tokens.slice(i))
      break
    }
    const m = /^(--?)([A-Za-z][\w-]*)(=.*)?$/.exec(t)
    if (!m) {
      out.push(t)
      continue
    }
    const [, dashes, name, value = ''] = m as unknown as [string, string, string, string?]
    const long = canonical.get(name)
    if (long && !(dashes === '-' && name.length === 1 && shorts.has(name)))
      out.push(`--${long}${value}`)
    else out.push(t)
  }
  return out
}

export function parseFlags(spec: CommandSpec, tokens: readonly string[]): Parsed {
  const cmd = new Command(spec.name)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} })
    .helpOption(false)
    .allowExcessArguments(true)
    .argument('[args...]')
  for (const o of spec.options ?? []) cmd.addOption(new Option(o.flags, o.description))
  try {
    cmd.parse(normaliseFlags(tokens, spec.options ?? []), { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) {
      const msg = e.message.replace(/^error: /, '')
      throw new UsageError(msg, `see the flags with: tk help ${spec.name}`)
    }
    throw e
  }
  return { args: (cmd.processedArgs[0] as string[] | undefined) ?? [], opts: cmd.opts() }
}
