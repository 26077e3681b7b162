import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import type { Ticket, TicketDetail } from '../../../src/domain/ticket.ts'
import type { Board } from '../../../src/domain/views.ts'
import { keys } from './keys.ts'
import { applyEvent } from './live.ts'

const ticket = (key: string, stage: string): Ticket =>
  ({ key, id: key, project_prefix: 'CUS', stage, state: 'idle', parent_id: null }) as Ticket
const at = '2026-11-24T08:00:00.000Z'

describe('applyEvent', () => {
  it('moves an updated ticket in every cached list and in its detail, without a refetch', () => {
    const qc = new QueryClient()
    qc.setQueryData(keys.ticketList('CUS', {}), [
      ticket('CUS-T-1', 'design'),
      ticket('CUS-T-2', 'design'),
    ])
    qc.setQueryData(keys.ticketList('CUS', { type: 'task' }), [ticket('CUS-T-1', 'design')])
    qc.setQueryData(keys.ticket('CUS-T-1'), {
      ...ticket('CUS-T-1', 'design'),
      children: [],
    } as unknown as TicketDetail)
    const moved = ticket('CUS-T-1', 'develop')
    applyEvent(qc, {
      type: 'ticket.updated',
      project: 'CUS',
      key: 'CUS-T-1',
      ticket: moved,
      actor: 'a',
      at,
    })
    expect(qc.getQueryData<Ticket[]>(keys.ticketList('CUS', {}))?.map((t) => t.stage)).toEqual([
      'develop',
      'design',
    ])
    expect(qc.getQueryData<Ticket[]>(keys.ticketList('CUS', { type: 'task' }))?.[0]?.stage).toBe(
      'develop',
    )
    const detail = qc.getQueryData<TicketDetail>(keys.ticket('CUS-T-1'))
    expect(detail?.stage).toBe('develop')
    expect(detail?.children).toEqual([])
  })

  it('adds a created ticket and removes a deleted one', () => {
    const qc = new QueryClient()
    qc.setQueryData(keys.ticketList('CUS', {}), [ticket('CUS-T-1', 'design')])
    applyEvent(qc, {
      type: 'ticket.created',
      project: 'CUS',
      key: 'CUS-T-2',
      ticket: ticket('CUS-T-2', 'design'),
      actor: 'a',
      at,
    })
    expect(qc.getQueryData<Ticket[]>(keys.ticketList('CUS', {}))?.map((t) => t.key)).toEqual([
      'CUS-T-2',
      'CUS-T-1',
    ])
    applyEvent(qc, { type: 'ticket.deleted', project: 'CUS', key: 'CUS-T-1', actor: 'a', at })
    expect(qc.getQueryData<Ticket[]>(keys.ticketList('CUS', {}))?.map((t) => t.key)).toEqual([
      'CUS-T-2',
    ])
  })

  it('refetches the hierarchy instead of patching a ticket into it', () => {
    const qc = new QueryClient()
    const tree = [{ ticket: ticket('CUS-T-1', 'design'), children: [] }]
    qc.setQueryData(['tree', 'CUS'], tree)
    applyEvent(qc, {
      type: 'ticket.updated',
      project: 'CUS',
      key: 'CUS-T-1',
      ticket: ticket('CUS-T-1', 'test'),
      actor: 'a',
      at,
    })
    expect(qc.getQueryData(['tree', 'CUS'])).toBe(tree)
    expect(qc.getQueryState(['tree', 'CUS'])?.isInvalidated).toBe(true)
  })

  it('leaves other projects alone', () => {
    const qc = new QueryClient()
    qc.setQueryData(keys.ticketList('OPS', {}), [])
    applyEvent(qc, {
      type: 'ticket.created',
      project: 'CUS',
      key: 'CUS-T-2',
      ticket: ticket('CUS-T-2', 'design'),
      actor: 'a',
      at,
    })
    expect(qc.getQueryData(keys.ticketList('OPS', {}))).toEqual([])
  })

  describe('on a board read a page per lane', () => {
    // Board order is priority, then sort order, then age: `p` sets the priority.
    const card = (key: string, stage: string, p: number): Ticket =>
      ({
        ...ticket(key, stage),
        priority: p,
        sort_order: 0,
        created_at: at,
        open: true,
        archived: false,
      }) as Ticket
    const board = (): Board => ({
      project: 'CUS',
      workflow: 'default',
      lanes: [
        // Two of 100 loaded: a ticket placed after them belongs to a later page.
        {
          stage: 'design',
          total: 100,
          tickets: [card('CUS-T-1', 'design', 1), card('CUS-T-2', 'design', 3)],
        },
        // Complete: every ticket of the lane is loaded.
        { stage: 'develop', total: 1, tickets: [card('CUS-T-3', 'develop', 2)] },
      ],
    })
    const lanes = (qc: QueryClient) =>
      qc
        .getQueryData<Board>(keys.board('CUS'))
        ?.lanes.map((l) => `${l.stage} ${l.total}: ${l.tickets.map((t) => t.key).join(' ')}`)
    const update = (qc: QueryClient, t: Ticket) =>
      applyEvent(qc, {
        type: 'ticket.updated',
        project: 'CUS',
        key: t.key,
        ticket: t,
        actor: 'a',
        at,
      })

    it('moves a loaded card to its place in board order and both counts with it', () => {
      const qc = new QueryClient()
      qc.setQueryData(keys.board('CUS'), board())
      update(qc, card('CUS-T-1', 'develop', 3))
      expect(lanes(qc)).toEqual(['design 99: CUS-T-2', 'develop 2: CUS-T-3 CUS-T-1'])
      update(qc, card('CUS-T-3', 'design', 2))
      expect(lanes(qc)).toEqual(['design 100: CUS-T-3 CUS-T-2', 'develop 1: CUS-T-1'])
    })

    it('leaves a card beyond the loaded page to that page, and a closed one off the board', () => {
      const qc = new QueryClient()
      qc.setQueryData(keys.board('CUS'), board())
      update(qc, card('CUS-T-3', 'design', 4))
      expect(lanes(qc)).toEqual(['design 101: CUS-T-1 CUS-T-2', 'develop 0: '])
      update(qc, { ...card('CUS-T-1', 'design', 1), open: false })
      expect(lanes(qc)).toEqual(['design 100: CUS-T-2', 'develop 0: '])
    })
  })
})
