/** @module A card's new place among its lane's cards of the same priority, as sort orders. */
import type { Ticket } from '../../../../src/domain/ticket.ts'

/**
 * The cards of one priority in a lane, in board order, with `key` put at `to` (an index among
 * them): the new sort orders of those whose order changes. The group keeps the values it had
 * where it can (so cards not loaded stay where they were) and each value exceeds the one above.
 */
export function reorderGroup(
  group: readonly Ticket[],
  key: string,
  to: number,
): { key: string; sort_order: number }[] {
  const from = group.findIndex((t) => t.key === key)
  const moved = group[from]
  if (!moved || from === to) return []
  const order = group.filter((t) => t.key !== key)
  order.splice(Math.max(0, Math.min(to, order.length)), 0, moved)
  const writes: { key: string; sort_order: number }[] = []
  let prev = Number.NEGATIVE_INFINITY
  for (const [i, t] of order.entries()) {
    const value = Math.max(group[i]?.sort_order ?? 0, prev + 1)
    prev = value
    if (value !== t.sort_order) writes.push({ key: t.key, sort_order: value })
  }
  return writes
}
