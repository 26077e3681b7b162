import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../domain/ticket.ts'
import { type PageStart, TicketPages } from './ticket-pages.ts'

const tickets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `TK-T-${i + 1}` }) as Ticket)
const settled = () => new Promise((r) => setTimeout(r, 20))
const arrived = (pages: TicketPages, test: () => boolean) =>
  new Promise<void>((resolve) => {
    if (test()) resolve()
    pages.subscribe(() => test() && resolve())
  })

describe('TicketPages', () => {
  it('reads the first page, then the next only when the view nears the end of what arrived', async () => {
    const all = tickets(25)
    const calls: PageStart[] = []
    const pages = new TicketPages(async (start, limit) => {
      calls.push(start)
      const from = start.after === undefined ? 0 : all.findIndex((t) => t.key === start.after) + 1
      return all.slice(from, from + limit)
    }, 10)
    expect(pages.ready).toBe(false)
    pages.start()
    await arrived(pages, () => pages.ready)
    await settled()
    // Nothing more is read until asked for.
    expect(calls).toEqual([{ offset: 0 }])
    expect(pages.length).toBe(10)
    expect(pages.complete).toBe(false)
    expect(pages.total).toBeUndefined()
    // A row far from the end asks for nothing; within half a page of it, the next page.
    pages.want(2)
    await settled()
    expect(calls).toHaveLength(1)
    pages.want(6)
    await arrived(pages, () => pages.length === 20)
    expect(calls[1]).toEqual({ offset: 10, after: 'TK-T-10' })
    // Asking for a row beyond what arrived reads pages until it is there, then the last.
    pages.want(24)
    await arrived(pages, () => pages.complete)
    expect(calls).toHaveLength(3)
    expect(pages.total).toBe(25)
    expect(pages.at(24)?.key).toBe('TK-T-25')
    expect(pages.indexOf('TK-T-11')).toBe(10)
    expect(pages.slice(0, 2).map((t) => t.key)).toEqual(['TK-T-1', 'TK-T-2'])
  })

  it('knows the total from its count before every page has arrived', async () => {
    const pages = new TicketPages(
      async (start, limit) => tickets(1000).slice(start.offset, start.offset + limit),
      10,
      async () => 1000,
    ).start()
    await arrived(pages, () => pages.total !== undefined && pages.ready)
    expect(pages.total).toBe(1000)
    expect(pages.length).toBe(10)
  })

  it('stops loading when stopped, and reports a failed load', async () => {
    let n = 0
    const pages = new TicketPages(async () => {
      n++
      return tickets(10)
    }, 10)
    pages.want(100)
    pages.start()
    await arrived(pages, () => pages.ready)
    pages.stop()
    await settled()
    expect(n).toBeLessThanOrEqual(2)

    const failing = new TicketPages(() => Promise.reject(new Error('disk on fire'))).start()
    await arrived(failing, () => failing.ready)
    expect((failing.error as Error).message).toBe('disk on fire')
  })

  it('shows a ticket once when it moves down a page between two loads', async () => {
    let all = tickets(15)
    const pages = new TicketPages(async ({ offset }, limit) => {
      const page = all.slice(offset, offset + limit)
      // A new ticket arrives at the top after the first page: TK-T-10 is now on page two too.
      all = [{ key: 'TK-T-99' } as Ticket, ...tickets(15)]
      return page
    }, 10)
    pages.want(20)
    pages.start()
    await arrived(pages, () => pages.complete)
    const keys = pages.slice(0, pages.length).map((t) => t.key)
    expect(keys).toEqual(tickets(15).map((t) => t.key))
    expect(new Set(keys).size).toBe(keys.length)
    expect(pages.indexOf('TK-T-11')).toBe(10)
  })
})
