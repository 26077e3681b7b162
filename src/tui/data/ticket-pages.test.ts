import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../domain/ticket.ts'
import { TicketPages } from './ticket-pages.ts'

const tickets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `TK-T-${i + 1}` }) as Ticket)

describe('TicketPages', () => {
  it('loads page after page until a short one, notifying as each arrives', async () => {
    const all = tickets(25)
    const calls: [number, number][] = []
    const pages = new TicketPages(async (offset, limit) => {
      calls.push([offset, limit])
      return all.slice(offset, offset + limit)
    }, 10)
    let notified = 0
    pages.subscribe(() => notified++)
    expect(pages.ready).toBe(false)
    pages.start()
    await new Promise<void>((resolve) => pages.subscribe(() => pages.complete && resolve()))
    expect(calls).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ])
    expect(notified).toBe(3)
    expect(pages.length).toBe(25)
    expect(pages.at(24)?.key).toBe('TK-T-25')
    expect(pages.indexOf('TK-T-11')).toBe(10)
    expect(pages.slice(0, 2).map((t) => t.key)).toEqual(['TK-T-1', 'TK-T-2'])
  })

  it('stops loading when stopped, and reports a failed load', async () => {
    let n = 0
    const pages = new TicketPages(async () => {
      n++
      return tickets(10)
    }, 10).start()
    await new Promise<void>((resolve) => pages.subscribe(resolve))
    pages.stop()
    await new Promise((r) => setTimeout(r, 20))
    expect(n).toBeLessThanOrEqual(2)

    const failing = new TicketPages(() => Promise.reject(new Error('disk on fire'))).start()
    await new Promise<void>((resolve) => failing.subscribe(resolve))
    expect(failing.ready).toBe(true)
    expect((failing.error as Error).message).toBe('disk on fire')
  })

  it('shows a ticket once when it moves down a page between two loads', async () => {
    let all = tickets(15)
    const pages = new TicketPages(async (offset, limit) => {
      const page = all.slice(offset, offset + limit)
      // A new ticket arrives at the top after the first page: TK-T-10 is now on page two too.
      all = [{ key: 'TK-T-99' } as Ticket, ...tickets(15)]
      return page
    }, 10).start()
    await new Promise<void>((resolve) => pages.subscribe(() => pages.complete && resolve()))
    const keys = pages.slice(0, pages.length).map((t) => t.key)
    expect(keys).toEqual(tickets(15).map((t) => t.key))
    expect(new Set(keys).size).toBe(keys.length)
    expect(pages.indexOf('TK-T-11')).toBe(10)
  })
})
