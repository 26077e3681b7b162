import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_ENTRY_MINUTES, parseMinutes } from './time-entry.ts'

describe('parseMinutes', () => {
  it('accepts whole minutes from 1 to a week, as numbers or text', () => {
    expect(parseMinutes(30)).toBe(30)
    expect(parseMinutes(' 90 ')).toBe(90)
    expect(parseMinutes(MAX_ENTRY_MINUTES)).toBe(MAX_ENTRY_MINUTES)
  })
  it.each([0, -1, 1.5, Number.NaN, '', 'abc', '1h', MAX_ENTRY_MINUTES + 1])('refuses %j', (m) => {
    expect(() => parseMinutes(m)).toThrow(/minutes|week/)
  })
  it('accepts exactly the integers in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: MAX_ENTRY_MINUTES + 100 }), (n) => {
        const ok = n >= 1 && n <= MAX_ENTRY_MINUTES
        try {
          return parseMinutes(n) === n && ok
        } catch {
          return !ok
        }
      }),
    )
  })
})
