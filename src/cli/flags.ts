/**
 * @module Go-style flags over Node's built-in `util.parseArgs`: `-name v`, `--name v`,
 * `-name=v`, `--name=v`, combined short booleans (`-ad`), before or after arguments.
 */
import type { ParseArgsConfig } from 'node:util'
import type { CommandSpec, OptionSpec } from './command.ts'
import { UsageError } from './usage-error.ts'

const { parseArgs } = process.getBuiltinModule('node:util')

type Parsed = { args: string[]; opts: Record<string, unknown> }

type Flag = {
  long: string
  short: string | undefined
  takesValue: boolean
  aliases: readonly string[]
}

/** `-n, --limit <n>` → { long: 'limit', short: 'n', takesValue: true }. */
export function describeOption(o: OptionSpec): Flag {
  const long = /--([\w-]+)/.exec(o.flags)?.[1]
  if (!long) throw new Error(`option "${o.flags}" has no long name`)
  return {
    long,
    short: /(?:^|[ ,])-(\w)(?:[ ,]|$)/.exec(o.flags)?.[1],
    takesValue: /<[^>]+>/.test(o.flags),
    aliases: o.aliases ?? [],
  }
}

const camel = (s: string) => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())

/** Rewrites single-dash long names and aliases into the `--long` form. */
export function normaliseFlags(tokens: readonly string[], flags: readonly Flag[]): string[] {
  const canonical = new Map<string, string>()
  const shorts = new Set<string>()
  for (const f of flags) {
    canonical.set(f.long, f.long)
    for (const a of f.aliases) canonical.set(a, f.long)
    if (f.short) shorts.add(f.short)
  }
  const out: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t === '--') {
      out.push(...tokens.slice(i))
      break
    }
    const m = /^(--?)([A-Za-z][\w-]*)(=.*)?$/.exec(t)
    const long = m ? canonical.get(m[2]!) : undefined
    if (m && long && !(m[1] === '-' && m[2]!.length === 1 && shorts.has(m[2]!)))
      out.push(`--${long}${m[3] ?? ''}`)
    else out.push(t)
  }
  return out
}

export function parseFlags(spec: CommandSpec, tokens: readonly string[]): Parsed {
  const flags = (spec.options ?? []).map(describeOption)
  const options: NonNullable<ParseArgsConfig['options']> = {}
  for (const f of flags)
    options[f.long] = {
      type: f.takesValue ? 'string' : 'boolean',
      ...(f.short ? { short: f.short } : {}),
    }
  try {
    const { values, positionals } = parseArgs({
      args: normaliseFlags(tokens, flags),
      options,
      allowPositionals: true,
      strict: true,
    })
    const opts: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(values)) opts[camel(k)] = v
    return { args: positionals, opts }
  } catch (e) {
    const code = (e as { code?: string }).code
    const hint = `see the flags with: tk help ${spec.name}`
    const flag = /'(-[^']*)'/.exec((e as Error).message)?.[1]
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`unknown flag ${flag ?? ''}`.trim(), hint)
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = flag?.split(',').at(-1)?.trim().split(' ')[0] ?? 'a flag'
      throw new UsageError(
        `${name} needs a value`,
        `write it as ${name} VALUE (or ${name}=VALUE when the value starts with -)`,
      )
    }
    throw e
  }
}
