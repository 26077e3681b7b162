/** @module Everything the CLI prints: human text or `--json`, and `error:`/`hint:` lines. */

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
      const text = human(value)
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

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\x1b\[[0-9;]*m/g
export const visibleLength = (s: string) => [...s.replace(ANSI, '')].length

function truncate(s: string, width: number): string {
  const chars = [...s]
  if (chars.length <= width) return s
  return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`
}

/**
 * Aligned columns that fit `width`: the `flex` column (a title) gives up space first.
 * Cells may carry colour; widths are measured without it.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
  flex = -1,
): string {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => visibleLength(r[i] ?? ''))))
  const gap = 2
  const total = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1)
  if (flex >= 0 && total > width) widths[flex] = Math.max(10, widths[flex]! - (total - width))
  return all
    .map((r) =>
      r
        .map((cell, i) => {
          const w = widths[i]!
          const text = i === flex && visibleLength(cell) > w ? truncate(cell, w) : cell
          return i === r.length - 1 ? text : text + ' '.repeat(Math.max(0, w - visibleLength(text)))
        })
        .join(' '.repeat(gap))
        .trimEnd(),
    )
    .join('\n')
}

// Shared with the terminal UI, so they live beside the domain types.
export { ago, formatMinutes } from '../domain/format.ts'
