import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { reorderGroup } from './reorder.ts'

const cards = (...orders: number[]) =>
  orders.map((sort_order, i) => ({ key: `K-${i + 1}`, sort_order }) as Ticket)

describe('reorderGroup', () => {
  it('numbers cards of equal order (new tickets all start at 0) so the moved one lands between', () => {
    // K-2 keeps its 0 and is not written.
    expect(reorderGroup(cards(0, 0, 0), 'K-1', 1)).toEqual([
      { key: 'K-1', sort_order: 1 },
      { key: 'K-3', sort_order: 2 },
    ])
  })

  it('keeps the values a group has: only the cards whose place changes are written', () => {
    expect(reorderGroup(cards(10, 20, 30, 40), 'K-4', 1)).toEqual([
      { key: 'K-4', sort_order: 20 },
      { key: 'K-2', sort_order: 30 },
      { key: 'K-3', sort_order: 40 },
    ])
    expect(reorderGroup(cards(10, 20, 30), 'K-2', 1)).toEqual([])
  })
})
