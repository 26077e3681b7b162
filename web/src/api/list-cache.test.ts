import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../../src/domain/ticket.ts'
import { keys } from './keys.ts'
import { applyToLists, listShows, placeInPages } from './list-cache.ts'

const ticket = (key: string, title: string, more: Partial<Ticket> = {}): Ticket =>
  ({
    key,
    id: key.toLowerCase(),
    title,
    project_prefix: 'CUS',
    type: 'task',
    assignee: null,
    labels: [],
    open: true,
    archived: false,
    updated_at: '2026-11-24T08:00:00.000Z',
    ...more,
  }) as Ticket
const pages = (...p: Ticket[][]) => ({ pages: p, pageParams: p.map((_, i) => String(i)) })
const titles = (d: { pages: Ticket[][] }) => d.pages.map((p) => p.map((t) => t.title))
const byTitle = { sort: 'title', order: 'asc' } as const

describe('placeInPages', () => {
  const a = ticket('CUS-T-1', 'a')
  const c = ticket('CUS-T-2', 'c')
  const e = ticket('CUS-T-3', 'e')
  it('puts a ticket where the order puts it, in the page that holds its place', () => {
    expect(titles(placeInPages(pages([a], [c, e]), ticket('CUS-T-9', 'd'), byTitle, 2))).toEqual([
      ['a'],
      ['c', 'd', 'e'],
    ])
  })
  it('leaves a place past the loaded rows to the next page, unless none follows', () => {
    const z = ticket('CUS-T-9', 'z')
    expect(titles(placeInPages(pages([a, c]), z, byTitle, 2))).toEqual([['a', 'c']])
    expect(titles(placeInPages(pages([a, c], [e]), z, byTitle, 2))).toEqual([
      ['a', 'c'],
      ['e', 'z'],
    ])
  })
  it('orders descending, and by newest change first when no column is chosen', () => {
    const newer = ticket('CUS-T-9', 'b', { updated_at: '2026-11-25T08:00:00.000Z' })
    expect(titles(placeInPages(pages([a, c, e]), newer, {}, 200))).toEqual([['b', 'a', 'c', 'e']])
    const desc = { sort: 'title', order: 'desc' } as const
    expect(titles(placeInPages(pages([e, c, a]), newer, desc, 200))).toEqual([['e', 'c', 'b', 'a']])
  })
})

describe('listShows', () => {
  it('follows the list filter, and leaves words and unknown parts to the server', () => {
    const bug = ticket('CUS-B-1', 'x', { type: 'bug', labels: ['ui'], assignee: 'ann' })
    expect(listShows({ type: 'bug', label: 'UI', assignee: 'ann', ...byTitle }, bug)).toBe(true)
    expect(listShows({ type: 'task' }, bug)).toBe(false)
    expect(listShows({ label: 'api' }, bug)).toBe(false)
    expect(listShows({ assignee: 'bob' }, bug)).toBe(false)
    expect(listShows({}, { ...bug, open: false })).toBe(false)
    expect(listShows({ closed: true }, { ...bug, open: false })).toBe(true)
    expect(listShows({ q: 'x' }, bug)).toBeUndefined()
    expect(listShows({ stage: 'design' }, bug)).toBeUndefined()
  })
})

describe('applyToLists', () => {
  it('places a created ticket in the lists it matches and replaces a changed one in place', () => {
    const qc = new QueryClient()
    const bugs = keys.list('CUS', { type: 'bug', ...byTitle })
    qc.setQueryData(bugs, pages([ticket('CUS-B-1', 'a', { type: 'bug' })]))
    applyToLists(qc, ticket('CUS-T-5', 'b'), true)
    applyToLists(qc, ticket('CUS-B-6', '0', { type: 'bug' }), true)
    applyToLists(qc, ticket('CUS-B-1', 'renamed', { type: 'bug' }), false)
    expect(titles(qc.getQueryData(bugs) as { pages: Ticket[][] })).toEqual([['0', 'renamed']])
  })
})
