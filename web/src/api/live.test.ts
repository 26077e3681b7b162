import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import type { Ticket, TicketDetail } from '../../../src/domain/ticket.ts'
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
})
