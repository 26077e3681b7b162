/** Below this many columns a lane cannot show a card's title usefully. */
const CRAMPED = 30

/**
 * How wide each board lane is. With room for all, lanes share the width equally. When that
 * would cramp them (80 columns, four stages), a lane known to be empty, other than the
 * cursor's, narrows (unless all are empty) to its header (`done (0)`) and the lanes with cards share the rest.
 */
export function laneWidths(
  stages: readonly string[],
  empty: (i: number) => boolean,
  cursorLane: number,
  width: number,
): number[] {
  const equal = Math.floor(width / stages.length)
  if (equal >= CRAMPED || stages.every((_, i) => empty(i))) return stages.map(() => equal)
  const narrow = stages.map((s, i) => (i !== cursorLane && empty(i) ? `${s} (0)`.length + 2 : 0))
  const wide = narrow.filter((n) => n === 0).length
  if (wide === 0 || wide === stages.length) return stages.map(() => equal)
  const share = Math.floor((width - narrow.reduce((a, b) => a + b, 0)) / wide)
  return narrow.map((n) => n || share)
}

/** The lane under column `x`. */
export function laneAt(widths: readonly number[], x: number): number {
  let from = 0
  for (const [i, w] of widths.entries()) {
    if (x < from + w) return i
    from += w
  }
  return widths.length - 1
}
