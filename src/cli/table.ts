/** @module Aligned columns for people, measured in terminal columns (wide and combining characters). */
import { displayWidth, padToWidth, truncateToWidth } from '../domain/display-width.ts'

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
  const widths = header.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i] ?? ''))))
  const gap = 2
  const total = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1)
  if (flex >= 0 && total > width) widths[flex] = Math.max(10, widths[flex]! - (total - width))
  return all
    .map((r) =>
      r
        .map((cell, i) => {
          const w = widths[i]!
          const text = i === flex ? truncateToWidth(cell, w) : cell
          return i === r.length - 1 ? text : padToWidth(text, w)
        })
        .join(' '.repeat(gap))
        .trimEnd(),
    )
    .join('\n')
}
