import { useRef } from 'react'

/** Rows a selection is kept over, found by id (a ticket's key, a project's prefix). */
export type Rows<T> = {
  readonly length: number
  at(index: number): T | undefined
  /** The row showing `id`, or -1 when it is not (or not yet) among the rows. */
  indexOf(id: string): number
}

/** The persisted form: the selected row's id and the row it was last seen on. */
export type Saved = { readonly id: string | undefined; readonly row: number }

/** The row `saved` stands for in `rows`: its id's row, else the remembered row, clamped. */
export function resolveRow(rows: Rows<unknown>, saved: Saved): number {
  const found = saved.id === undefined ? -1 : rows.indexOf(saved.id)
  return found >= 0 ? found : Math.min(saved.row, Math.max(0, rows.length - 1))
}

/**
 * A view's cursor as the id of what it is on, never a bare row number: when the rows
 * re-sort (a change made here, a colleague's new ticket arriving) the cursor follows its
 * ticket, so the next key acts on what is highlighted. The row is kept only for when the
 * ticket has left the view (closed under a filter that hides it): the cursor then stays
 * at the same height.
 *
 * Key handlers read and move it synchronously: keys that arrive in one chunk (a fast
 * typist, a paste, tmux send-keys) are handled before React re-renders.
 */
export function useSelection<T>(
  rows: Rows<T>,
  saved: Saved,
  save: (row: number, id: string | undefined) => void,
  idOf: (item: T) => string,
) {
  const live = useRef(saved)
  const seen = useRef(saved)
  // Take what the state holds when it changed from outside (a new filter resets it).
  if (seen.current.id !== saved.id || seen.current.row !== saved.row) {
    seen.current = saved
    live.current = saved
  }
  const get = () => resolveRow(rows, live.current)
  return {
    /** The cursor's row in the rows as they are now. */
    get,
    /**
     * The item under the cursor, which from now on is the selection: an action on it
     * follows it even if the cursor was only resting on a row (a fresh start, a ticket
     * that left the view).
     */
    selected() {
      const row = get()
      const item = rows.at(row)
      if (item !== undefined) live.current = { id: idOf(item), row }
      return item
    },
    /** Puts the cursor on row `i` and remembers what is there. */
    set(i: number) {
      const item = rows.at(i)
      const next = { id: item === undefined ? undefined : idOf(item), row: i }
      live.current = next
      seen.current = next
      save(next.row, next.id)
    },
  }
}

/** An array as `Rows`, found by `idOf` (for views that hold all their rows at once). */
export function arrayRows<T>(items: readonly T[], idOf: (item: T) => string): Rows<T> {
  return {
    length: items.length,
    at: (i) => items[i],
    indexOf: (id) => items.findIndex((item) => idOf(item) === id),
  }
}
