import type { Ticket } from '../domain/ticket.ts'
import type { TreeNode } from '../service/ticket-service.ts'

/** One line of the hierarchy: a ticket, how deep it sits, and whether it can open. */
export type TreeRow = {
  readonly ticket: Ticket
  readonly depth: number
  readonly children: number
  readonly expanded: boolean
}

/** The rows a tree shows when the tickets in `expanded` are open (reference/ui.md §3.2). */
export function treeRows(nodes: readonly TreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = []
  const walk = (list: readonly TreeNode[], depth: number) => {
    for (const n of list) {
      const open = expanded.has(n.ticket.key)
      rows.push({ ticket: n.ticket, depth, children: n.children.length, expanded: open })
      if (open) walk(n.children, depth + 1)
    }
  }
  walk(nodes, 0)
  return rows
}

/** `+` closed with children, `−` open, `└` a child, blank a leaf at the top. */
export const treeMarker = (r: TreeRow): string =>
  `${'  '.repeat(Math.max(0, r.depth - 1))}${r.depth > 0 ? '└ ' : ''}${r.children === 0 ? ' ' : r.expanded ? '−' : '+'} `
