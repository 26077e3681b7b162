import { describe, expect, it } from 'vitest'
import { TicketError } from './errors.ts'
import { normaliseLabelName, parseColour } from './label.ts'

describe('normaliseLabelName', () => {
  it('trims and collapses spaces', () => {
    expect(normaliseLabelName('  needs   review ')).toBe('needs review')
  })
  it.each(['', '   ', 'a,b', 'x'.repeat(51)])('refuses %j', (name) => {
    expect(() => normaliseLabelName(name)).toThrow(TicketError)
  })
})

describe('parseColour', () => {
  it.each([
    ['Red', 'red'],
    ['#FF8800', '#ff8800'],
    ['#abc', '#abc'],
    ['', ''],
  ])('accepts %j as %j', (input, out) => {
    expect(parseColour(input)).toBe(out)
  })
  it.each(['#12', '#1234567', 'red;', 'rgb(1,2,3)', 'x'])('refuses %j', (c) => {
    expect(() => parseColour(c)).toThrow(/invalid colour/)
  })
})
