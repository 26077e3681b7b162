/** @module Everything the CLI prints: human text or `--json`, and `error:`/`hint:` lines. */
import { terminalSafeDeep } from '../domain/terminal-text.ts'

export type Output = {
  readonly json: boolean
  readonly color: boolean
  /** Columns available for tables (120 when stdout is not a terminal). */
  readonly width: number
  /** Prints human text (one or more lines) to stdout. */
  line(text: string): void
  /** Prints `value` as JSON in --json mode, else the human rendering. */
  data<T>(value: T, human: (v: T) => string): void
}

export type OutputOptions = {
  readonly json: boolean
  readonly color: boolean
  readonly width: number
  readonly fields: readonly string[] | undefined
  readonly write: (text: string) => void
}

function pick(value: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, fields))
  if (value && typeof value === 'object')
    return Object.fromEntries(
      fields.filter((f) => f in value).map((f) => [f, (value as Record<string, unknown>)[f]]),
    )
  return value
}

export function createOutput(o: OutputOptions): Output {
  return {
    json: o.json,
    color: o.color,
    width: o.width,
    line: (text) => o.write(text.endsWith('\n') ? text : `${text}\n`),
    data(value, human) {
      if (o.json) {
        o.write(`${JSON.stringify(o.fields ? pick(value, o.fields) : value, null, 2)}\n`)
        return
      }
      // Data may come from anyone with write access: its control characters are shown, not
      // obeyed. Colour is added by the renderers afterwards, so it survives.
      const text = human(terminalSafeDeep(value))
      if (text !== '') o.write(text.endsWith('\n') ? text : `${text}\n`)
    },
  }
}

const SGR = {
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  grey: 90,
} as const
export type Colour = keyof typeof SGR

export const paint = (on: boolean, colour: Colour, text: string) =>
  on && text !== '' ? `\x1b[${SGR[colour]}m${text}\x1b[0m` : text

// Shared with the terminal UI, so they live beside the domain types.
export { ago, formatMinutes } from '../domain/format.ts'
