/**
 * @module Go-style flags over Node's built-in `util.parseArgs`: `-name v`, `--name v`,
 * `-name=v`, `--name=v`, combined short booleans (`-ad`), before or after arguments.
 */
import type { ParseArgsConfig } from 'node:util'
import type { CommandSpec, OptionSpec } from './command.ts'
import { nearest } from './suggest.ts'
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

// Taken out by argv.ts before a command sees its flags; offered when one is mistyped.
const GLOBAL_FLAGS = ['json', 'fields', 'project', 'file', 'no-color', 'gui', 'theme', 'help']

function unknownFlag(typed: string, flags: readonly Flag[], command: string): UsageError {
  // Aliases are matched too, but offered by the flag's long name.
  const longOf = new Map<string, string>(GLOBAL_FLAGS.map((g) => [g, g]))
  for (const f of flags) for (const n of [f.long, ...f.aliases]) longOf.set(n, f.long)
  const near = [
    ...new Set(nearest(typed.replace(/^--?/, ''), longOf.keys()).map((n) => longOf.get(n)!)),
  ]
  return new UsageError(
    `unknown flag ${typed}`,
    near.length > 0
      ? `did you mean ${near.map((n) => `-${n}`).join(' or ')}? (see the flags with: tk help ${command})`
      : `see the flags with: tk help ${command}`,
  )
}

/**
 * Rewrites single-dash long names and aliases into the `--long` form. A single-dash word is
 * a group of short flags (`-ad`, `-an 5`) only when every letter is a short flag of this
 * command and only the last takes a value; any other word is a long name, and an unknown one
 * is a usage error rather than a short flag with the rest of the word as its value
 * (`-descripton` is not `-d escripton`).
 */
export function normaliseFlags(
  tokens: readonly string[],
  flags: readonly Flag[],
  command = '',
): string[] {
  const canonical = new Map<string, Flag>()
  const shorts = new Map<string, Flag>()
  for (const f of flags) {
    canonical.set(f.long, f)
    for (const a of f.aliases) canonical.set(a, f)
    if (f.short) shorts.set(f.short, f)
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
    const [, dashes, name, inline] = m as unknown as [string, string, string, string | undefined]
    const short = dashes === '-' && name.length === 1 ? shorts.get(name) : undefined
    const flag = short ?? canonical.get(name)
    if (flag) {
      out.push(short && inline === undefined ? t : `--${flag.long}${inline ?? ''}`)
      // The next word is this flag's value, whatever it looks like; parseArgs judges it.
      if (flag.takesValue && inline === undefined && i + 1 < tokens.length) out.push(tokens[++i]!)
      continue
    }
    // `-ad`, or `-an 5` where only the last letter takes a value.
    const letters = [...name].map((c) => shorts.get(c))
    const group =
      dashes === '-' &&
      inline === undefined &&
      letters.every((f, at) => f && (!f.takesValue || at === letters.length - 1))
    if (dashes === '-' && name.length === 1) out.push(t)
    else if (group) {
      out.push(t)
      if (letters.at(-1)?.takesValue && i + 1 < tokens.length) out.push(tokens[++i]!)
    } else throw unknownFlag(`${dashes}${name}`, flags, command)
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
      args: normaliseFlags(tokens, flags, spec.name),
      options,
      allowPositionals: true,
      strict: true,
    })
    const opts: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(values)) opts[camel(k)] = v
    refuseExtraArgs(spec, positionals)
    return { args: positionals, opts }
  } catch (e) {
    const code = (e as { code?: string }).code
    const hint = `see the flags with: tk help ${spec.name}`
    const flag = /'(-[^']*)'/.exec((e as Error).message)?.[1]
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw flag ? unknownFlag(flag, flags, spec.name) : new UsageError('unknown flag', hint)
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

/**
 * A word a command does not take is refused rather than dropped: `tk agent create bot` used
 * to make an agent with no name. `args` lists what a command takes; `…` means any number.
 */
function refuseExtraArgs(spec: CommandSpec, positionals: readonly string[]) {
  const takes = spec.args?.trim() ? spec.args.trim().split(/\s+/) : []
  if (takes.some((a) => a.includes('…') || a.includes('...'))) return
  if (positionals.length <= takes.length) return
  const extra = positionals.slice(takes.length).join(' ')
  throw new UsageError(
    takes.length === 0
      ? `tk ${spec.name} takes no arguments, but was given "${extra}"`
      : `tk ${spec.name} takes ${takes.join(' ')}, but was also given "${extra}"`,
    `quote a value that has spaces, or pass it with its flag; see: tk help ${spec.name}`,
  )
}
