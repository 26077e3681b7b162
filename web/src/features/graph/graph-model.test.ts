import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { graphOf, openTickets, type TreeNode } from './graph-model.ts'

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
const node = (t: Ticket, children: TreeNode[] = []): TreeNode => ({ ticket: t, children })

describe('graph model', () => {
  it('keeps open tickets in tree order, cut at the limit, and counts all of them', () => {
    const tree = [
      node(ticket('E-1', null), [
        node(ticket('T-2', 'E-1')),
        node(ticket('T-3', 'E-1', { open: false }), [node(ticket('T-4', 'T-3'))]),
        node(ticket('T-5', 'E-1', { archived: true })),
      ]),
      node(ticket('T-6', null)),
    ]
    const all = openTickets(tree, 10)
    expect(all.shown.map((t) => t.key)).toEqual(['E-1', 'T-2', 'T-4', 'T-6'])
    expect(all.total).toBe(4)
    const cut = openTickets(tree, 2)
    expect(cut.shown.map((t) => t.key)).toEqual(['E-1', 'T-2'])
    expect(cut.total).toBe(4)
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
