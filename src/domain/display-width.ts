/**
 * @module Columns a string takes on a terminal: wide (CJK, emoji) characters take two, combining
 * marks none, colour codes none. Tables in the CLI and rows in the terminal UI align by this.
 */
import type CliTruncate from 'cli-truncate'
import type StringWidth from 'string-width'

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is matched
const SGR = /\x1b\[[0-9;]*m/g
// Characters that are one column each and never combine: ASCII, Latin-1, and the punctuation,
// arrows, box drawing and shapes our own output uses (… → ─ ○ ◑ ✓ ✗). Text made only of these
// is measured by its length.
const NARROW =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e\u2190-\u2199\u2205\u2500-\u257f\u25a0-\u25ef\u2713\u2717]*$/

type Width = { stringWidth: typeof StringWidth; cliTruncate: typeof CliTruncate }
let library: Width | undefined

// string-width builds an Intl.Segmenter as it loads, which costs tens of milliseconds (ICU
// data); most output is plain text, so the library is loaded, synchronously, on the first
// text that needs it. The literal require() calls let the bundler include both libraries and
// run them only then; unbundled (tests), Node's require of an ES module does the same.
function width(): Width {
  if (!library) {
    const load =
      typeof require === 'function'
        ? {
            sw: require('string-width') as { default: typeof StringWidth },
            ct: require('cli-truncate') as { default: typeof CliTruncate },
          }
        : (() => {
            const r = process.getBuiltinModule('node:module').createRequire(import.meta.url)
            return {
              sw: r('string-width') as { default: typeof StringWidth },
              ct: r('cli-truncate') as { default: typeof CliTruncate },
            }
          })()
    library = { stringWidth: load.sw.default, cliTruncate: load.ct.default }
  }
  return library
}

const plain = (text: string) => NARROW.test(text.includes('\x1b') ? text.replace(SGR, '') : text)

export const displayWidth = (text: string): number =>
  plain(text)
    ? text.includes('\x1b')
      ? text.replace(SGR, '').length
      : text.length
    : width().stringWidth(text)

/** `text` cut to at most `width` columns, ending in "…" when something was cut. */
export function truncateToWidth(text: string, columns: number): string {
  if (columns <= 0) return ''
  if (displayWidth(text) <= columns) return text
  if (!text.includes('\x1b') && NARROW.test(text)) return `${text.slice(0, columns - 1)}…`
  return width().cliTruncate(text, columns)
}

/** `text` padded with spaces to `width` columns (unchanged when already as wide). */
export const padToWidth = (text: string, columns: number): string =>
  text + ' '.repeat(Math.max(0, columns - displayWidth(text)))

/** Exactly `width` columns: cut with "…" or padded. */
export const fitToWidth = (text: string, columns: number): string =>
  padToWidth(truncateToWidth(text, columns), columns)
