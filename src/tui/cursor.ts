import type { Action } from './keys.ts'

/** Where a movement action takes a cursor over `length` rows; undefined if not a movement. */
export function moveCursor(
  action: Action,
  cursor: number,
  length: number,
  page: number,
): number | undefined {
  const last = Math.max(0, length - 1)
  const to = (n: number) => Math.min(last, Math.max(0, n))
  switch (action) {
    case 'up':
      return to(cursor - 1)
    case 'down':
      return to(cursor + 1)
    case 'top':
      return 0
    case 'bottom':
      return last
    case 'page-up':
      return to(cursor - page)
    case 'page-down':
      return to(cursor + page)
    default:
      return undefined
  }
}

/** The first visible row: scrolls only as far as needed to keep the cursor on screen. */
export function scrollTop(previousTop: number, cursor: number, height: number): number {
  if (height <= 0) return 0
  if (cursor < previousTop) return cursor
  if (cursor >= previousTop + height) return cursor - height + 1
  return previousTop
}
