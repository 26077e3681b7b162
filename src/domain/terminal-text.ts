/**
 * @module Text from tickets, comments and servers made safe to print on a terminal, and the
 * characters a title may not hold. docs/decisions/0017-control-characters-shown-not-obeyed.md.
 */
import { invalid } from './errors.ts'

// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional embeddings,
// overrides and isolates that reorder what is shown (U+202A–U+202E, U+2066–U+2069).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_TEST = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/

function shown(c: string): string {
  const code = c.codePointAt(0)!
  // C0 and DEL have Unicode's control pictures: ESC → ␛, BEL → ␇, CR → ␍, NUL → ␀, DEL → ␡.
  if (code < 0x20) return String.fromCodePoint(0x2400 + code)
  if (code === 0x7f) return '\u2421'
  // A C1 control is ESC plus a letter in 7-bit form (U+009B CSI is ESC [): show it that way.
  if (code <= 0x9f) return `\u241b${String.fromCodePoint(code - 0x40)}`
  return `<U+${code.toString(16).toUpperCase()}>`
}

/**
 * `text` with every control character that could act on a terminal (move the cursor, clear
 * the screen, set the window title, open a link, reorder the line) replaced by a visible
 * stand-in. Tabs and newlines stay: descriptions and comments are multi-line.
 */
export function terminalSafe(text: string): string {
  return UNSAFE_TEST.test(text) ? text.replace(UNSAFE, shown) : text
}

const isPlain = (o: object) => {
  const proto = Object.getPrototypeOf(o)
  return proto === Object.prototype || proto === null
}

/** `value` with `terminalSafe` applied to every string in it (keys too), for rendering data. */
export function terminalSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T
  if (Array.isArray(value)) return value.map(terminalSafeDeep) as T
  if (value && typeof value === 'object' && isPlain(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [terminalSafe(k), terminalSafeDeep(v)]),
    ) as T
  return value
}

// NUL ends strings in C and in many tools; bidi overrides make a title read differently from
// what it holds (the "Trojan Source" trick). Other controls cannot reach a title: they are
// whitespace (collapsed to a space) or are shown visibly when printed.
const HIDDEN = /[\0\u202a-\u202e\u2066-\u2069]/

/** Refuses text that holds NUL or a bidirectional override/isolate, naming which. */
export function refuseHiddenCharacters(text: string, what: string): void {
  const m = HIDDEN.exec(text)
  if (!m) return
  const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  throw invalid(
    m[0] === '\0'
      ? `${what} contains a NUL character (U+0000)`
      : `${what} contains a bidirectional control character (${code})`,
    `remove it from the ${what}; it is not shown but changes how the text is read`,
  )
}

/** Length in characters (code points), as people count them; `.length` counts UTF-16 units. */
export const characterCount = (text: string): number => {
  let n = 0
  for (const _ of text) n++
  return n
}
