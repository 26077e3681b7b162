import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { graphOf, mergePieces } from './graph-model.ts'

const ticket = (key: string, parent: string | null, extra: Partial<Ticket> = {}): Ticket =>
  ({
    key,
    id: key,
    parent_id: parent,
    open: true,
    archived: false,
    blocked: [],
    ...extra,
  }) as Ticket

describe('graph model', () => {
  it('merges the first piece with expanded children, each once, and counts what is hidden', () => {
    const first = {
      tickets: [ticket('E-1', null), ticket('T-2', 'E-1')],
      total: 9,
      children: { 'E-1': 3 },
    }
    const before = mergePieces(first, [])
    expect(before.tickets.map((t) => t.key)).toEqual(['E-1', 'T-2'])
    expect(before.hidden.get('E-1')).toBe(2)
    const expanded = {
      tickets: [ticket('T-2', 'E-1'), ticket('T-7', 'E-1'), ticket('T-8', 'E-1')],
      total: 3,
      children: { 'T-8': 1 },
    }
    const after = mergePieces(first, [expanded])
    expect(after.tickets.map((t) => t.key)).toEqual(['E-1', 'T-2', 'T-7', 'T-8'])
    expect(after.hidden.get('E-1')).toBe(0)
    expect(after.hidden.get('T-8')).toBe(1)
  })

  it('draws parent and dependency edges only between shown tickets, blockers above', () => {
    const { nodes, edges } = graphOf([
      ticket('E-1', null),
      ticket('T-2', 'E-1'),
      ticket('T-3', 'E-1', { blocked: ['T-2', 'T-9'] }),
      ticket('T-4', 'T-8'),
    ])
    expect(edges.map((e) => [e.id, e.className])).toEqual([
      ['parent:E-1:T-2', 'edge-parent'],
      ['parent:E-1:T-3', 'edge-parent'],
      ['dep:T-2:T-3', 'edge-dependency'],
    ])
    const y = (key: string) => nodes.find((n) => n.id === key)!.position.y
    expect(y('E-1')).toBeLessThan(y('T-2'))
    expect(y('T-2')).toBeLessThan(y('T-3'))
    expect(nodes).toHaveLength(4)
  })
})
