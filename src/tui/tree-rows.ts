import { plural } from '../domain/format.ts'
import type { Ticket } from '../domain/ticket.ts'

/** The level of the top-level tickets in a `TreeLevels` map; any other level is its parent's key. */
export const ROOTS = ''

/** What has arrived of one level of the hierarchy: the first pages, in id order. */
export type TreeLevel = {
  readonly tickets: readonly Ticket[]
  /** Every ticket of the level, shown or not. */
  readonly total: number
  /** Children per shown ticket's key; absent when none. */
  readonly children: Readonly<Record<string, number>>
  /** A page of this level is on its way. */
  readonly loading: boolean
}

export type TreeLevels = ReadonlyMap<string, TreeLevel>

/** One line of the hierarchy: a ticket, how deep it sits, and whether it can open. */
export type TicketTreeRow = {
  readonly kind: 'ticket'
  readonly ticket: Ticket
  readonly depth: number
  readonly children: number
  readonly expanded: boolean
}

/**
 * The line after a level's last loaded ticket when more of it remain (`remaining` > 0), or in
 * place of an opened ticket's children before they arrive (`remaining` 0, `loading`).
 */
export type MoreTreeRow = {
  readonly kind: 'more'
  /** The level it loads more of: `ROOTS` or a ticket's key. */
  readonly parent: string
  readonly depth: number
  readonly remaining: number
  readonly loading: boolean
}

export type TreeRow = TicketTreeRow | MoreTreeRow

/**
 * The rows a tree shows when the tickets in `expanded` are open (reference/ui.md §3.2): each
 * level's loaded tickets, an opened ticket's loaded children under it, and a "more" row where
 * a level has more than has been read. Costs the rows it returns, whatever the project's size.
 */
export function treeRows(levels: TreeLevels, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = []
  const walk = (parent: string, depth: number) => {
    const level = levels.get(parent)
    if (level === undefined) {
      rows.push({ kind: 'more', parent, depth, remaining: 0, loading: true })
      return
    }
    for (const ticket of level.tickets) {
      const children = level.children[ticket.key] ?? 0
      const open = children > 0 && expanded.has(ticket.key)
      rows.push({ kind: 'ticket', ticket, depth, children, expanded: open })
      if (open) walk(ticket.key, depth + 1)
    }
    const remaining = Math.max(0, level.total - level.tickets.length)
    if (remaining > 0 || (level.loading && level.tickets.length === 0))
      rows.push({ kind: 'more', parent, depth, remaining, loading: level.loading })
  }
  walk(ROOTS, 0)
  return rows
}

/** A row's id for the cursor: the ticket's key, or `more:` and the level it loads. */
export const treeRowId = (r: TreeRow): string =>
  r.kind === 'ticket' ? r.ticket.key : `more:${r.parent}`

const indent = (depth: number) => `${'  '.repeat(Math.max(0, depth - 1))}${depth > 0 ? '└ ' : ''}`

/** `+` closed with children, `−` open, `└` a child, blank a leaf at the top. */
export const treeMarker = (r: TicketTreeRow): string =>
  `${indent(r.depth)}${r.children === 0 ? ' ' : r.expanded ? '−' : '+'} `

/** The text of a "more" row: how many are left and what Space does about it. */
export function moreText(r: MoreTreeRow, pageSize: number): string {
  const what =
    r.remaining === 0
      ? 'loading…'
      : `… ${plural(r.remaining, 'more ticket')}${
          r.loading ? ' · loading…' : ` · Space shows ${Math.min(pageSize, r.remaining)} more`
        }`
  return `${indent(r.depth)}  ${what}`
}
