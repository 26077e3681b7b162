import type { CommandContext } from '../command.ts'
import { UsageError } from '../usage-error.ts'

/** The thing a command acts on: `-<option> X` or the first positional, else a usage error. */
export function subject(c: CommandContext, option: string, what: string, example: string): string {
  const v = c.str(option) ?? c.args.shift()
  if (v === undefined || v.trim() === '')
    throw new UsageError(`which ${what}?`, `e.g. tk ${c.spec.name} ${example}`)
  return v.trim()
}

/** A required flag (or, when `positional`, the next positional). */
export function required(
  c: CommandContext,
  option: string,
  example: string,
  positional = true,
): string {
  const v = c.str(option) ?? (positional ? c.args.shift() : undefined)
  if (v === undefined || v.trim() === '')
    throw new UsageError(`-${option} is required`, `e.g. tk ${c.spec.name} ${example}`)
  return v.trim()
}

/** Only the fields that were given, so a patch never clears what the user did not mention. */
export const given = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
