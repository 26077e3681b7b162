import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../domain/ticket.ts'
import type { Board } from '../../domain/views.ts'
import type { CommandContext } from '../command.ts'
import { createOutput } from '../output.ts'
import { renderBoard } from './views.ts'

const ctx = (width: number) =>
  ({
    out: createOutput({
      json: false,
      color: false,
      width,
      fields: undefined,
      pretty: false,
      write: () => {},
    }),
  }) as CommandContext

const ticket = (key: string, title: string, over: Partial<Ticket> = {}) =>
  ({ key, title, type: 'task', state: 'idle', assignee: null, blocked: [], ...over }) as Ticket

const board: Board = {
  project: 'CUS',
  workflow: 'default',
  lanes: [
    {
      stage: 'design',
      total: 1,
      tickets: [ticket('CUS-T-1', 'A rather long title that cannot fit in a lane')],
    },
    {
      stage: 'develop',
      total: 1,
      tickets: [
        ticket('CUS-T-2', 'Short', { state: 'active', assignee: 'ann', blocked: ['CUS-T-1'] }),
      ],
    },
    { stage: 'test', total: 0, tickets: [] },
    { stage: 'done', total: 0, tickets: [] },
  ],
}

describe('renderBoard', () => {
  it('puts lanes side by side within the width, cutting long titles', () => {
    const text = renderBoard(ctx(100), board)
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^DESIGN \(1\)\s+DEVELOP \(1\)\s+TEST \(0\)\s+DONE \(0\)$/)
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(100)
    expect(text).toMatch(/◑ CUS-T-2 @ann\s.*\n.* {2}\[blocked\] Short/)
    expect(text).toMatch(/ {2}A rather long title … {2}/)
  })
  it('counts the cards the page leaves out', () => {
    const lanes = board.lanes.map((l) => ({ ...l, tickets: l.tickets.slice(0, 0) }))
    const text = renderBoard(ctx(100), { ...board, lanes })
    expect(text).toMatch(/^DESIGN \(1\)/)
    expect(text).toMatch(/^… 1 more\s+… 1 more\s+\(empty\)\s+\(empty\)$/m)
    expect(renderBoard(ctx(60), { ...board, lanes })).toMatch(/── DESIGN \(1\) ──\n {2}… 1 more\n/)
  })

  it('stacks the lanes when the terminal is too narrow for columns', () => {
    const text = renderBoard(ctx(60), board)
    expect(text).toMatch(
      /^── DESIGN \(1\) ──\n {2}○ CUS-T-1 {2}A rather long title that cannot fit in a lane {2}\[task\] {2}@-\n/,
    )
    expect(text).toMatch(/── TEST \(0\) ──\n {2}\(empty\)/)
  })
})
