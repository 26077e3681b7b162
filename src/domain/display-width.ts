/**
 * @module Columns a string takes on a terminal: wide (CJK, emoji) characters take two, combining
 * marks none, colour codes none. Tables in the CLI and rows in the terminal UI align by this.
 */
import cliTruncate from 'cli-truncate'
import stringWidth from 'string-width'

export const displayWidth = (text: string): number => stringWidth(text)

/** `text` cut to at most `width` columns, ending in "…" when something was cut. */
export const truncateToWidth = (text: string, width: number): string =>
  width <= 0 ? '' : displayWidth(text) <= width ? text : cliTruncate(text, width)

/** `text` padded with spaces to `width` columns (unchanged when already as wide). */
export const padToWidth = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)))

/** Exactly `width` columns: cut with "…" or padded. */
export const fitToWidth = (text: string, width: number): string =>
  padToWidth(truncateToWidth(text, width), width)
