import { describe, expect, it } from 'vitest'
import type { Ticket } from '../domain/ticket.ts'
import {
  moreText,
  ROOTS,
  type TreeLevel,
  type TreeRow,
  treeMarker,
  treeRowId,
  treeRows,
} from './tree-rows.ts'

const t = (key: string) => ({ key }) as Ticket
const level = (
  keys: string[],
  children: Record<string, number> = {},
  total = keys.length,
  loading = false,
): TreeLevel => ({ tickets: keys.map(t), total, children, loading })
const text = (r: TreeRow) =>
  r.kind === 'ticket' ? `${treeMarker(r)}${r.ticket.key}` : moreText(r, 200)

// E-1 has two children (T-2 with one child, B-4); T-5 is a leaf.
const levels = new Map([
  [ROOTS, level(['E-1', 'T-5'], { 'E-1': 2 })],
  ['E-1', level(['T-2', 'B-4'], { 'T-2': 1 })],
  ['T-2', level(['T-3'])],
])

describe('treeRows', () => {
  it('shows only the top level until a node is opened', () => {
    expect(treeRows(levels, new Set()).map(treeRowId)).toEqual(['E-1', 'T-5'])
  })

  it('shows the children of open nodes, indented', () => {
    expect(treeRows(levels, new Set(['E-1', 'T-2'])).map(text)).toEqual([
      '− E-1',
      '└ − T-2',
      '  └   T-3',
      '└   B-4',
      '  T-5',
    ])
  })

  it('ends a level that was cut with a row saying how many more there are', () => {
    const cut = new Map([
      [ROOTS, level(['E-1', 'T-5'], { 'E-1': 450 }, 1000)],
      ['E-1', level(['T-2', 'B-4'], {}, 450)],
    ])
    const rows = treeRows(cut, new Set(['E-1']))
    expect(rows.map(text)).toEqual([
      '− E-1',
      '└   T-2',
      '└   B-4',
      '└   … 448 more tickets · Space shows 200 more',
      '  T-5',
      '  … 998 more tickets · Space shows 200 more',
    ])
    expect(rows.map(treeRowId).slice(3)).toEqual(['more:E-1', 'T-5', 'more:'])
  })

  it('says a level is loading, and offers no more of a level being read', () => {
    const reading = new Map([[ROOTS, level(['E-1'], { 'E-1': 3 }, 300, true)]])
    // E-1 is open but its children have not been read: a loading row stands for them.
    expect(treeRows(reading, new Set(['E-1'])).map(text)).toEqual([
      '− E-1',
      '└   loading…',
      '  … 299 more tickets · loading…',
    ])
    // Nothing read yet at all.
    expect(treeRows(new Map(), new Set()).map(text)).toEqual(['  loading…'])
  })

  it('does not open a ticket without children, whatever the saved state says', () => {
    expect(treeRows(levels, new Set(['T-5'])).map(text)).toEqual(['+ E-1', '  T-5'])
  })
})
