import { describe, expect, it } from 'vitest'
import type { Ticket } from '../domain/ticket.ts'
import type { TreeNode } from '../service/ticket-service.ts'
import { treeMarker, treeRows } from './tree-rows.ts'

const node = (key: string, children: TreeNode[] = []): TreeNode => ({
  ticket: { key } as Ticket,
  children,
})
const forest = [node('E-1', [node('T-2', [node('T-3')]), node('B-4')]), node('T-5')]

describe('treeRows', () => {
  it('shows only the top level until a node is opened', () => {
    expect(treeRows(forest, new Set()).map((r) => r.ticket.key)).toEqual(['E-1', 'T-5'])
  })

  it('shows the children of open nodes, indented', () => {
    const rows = treeRows(forest, new Set(['E-1', 'T-2']))
    expect(rows.map((r) => `${treeMarker(r)}${r.ticket.key}`)).toEqual([
      '− E-1',
      '└ − T-2',
      '  └   T-3',
      '└   B-4',
      '  T-5',
    ])
  })
})
