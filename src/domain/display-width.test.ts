import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { displayWidth, fitToWidth, padToWidth, truncateToWidth } from './display-width.ts'

describe('display width', () => {
  it('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('修复')).toBe(4)
    expect(displayWidth('🚀')).toBe(2)
    expect(displayWidth('e\u0301')).toBe(1)
    expect(displayWidth('\x1b[33mok\x1b[0m')).toBe(2)
  })

  it('pads and cuts to columns, with "…" only when something was cut', () => {
    expect(padToWidth('🚀 go', 6)).toBe('🚀 go ')
    expect(truncateToWidth('🚀 go', 5)).toBe('🚀 go')
    expect(displayWidth(truncateToWidth('修复登录问题', 7))).toBeLessThanOrEqual(7)
    expect(truncateToWidth('修复登录问题', 7)).toMatch(/…$/)
    expect(displayWidth(fitToWidth('修复登录问题', 7))).toBe(7)
    expect(fitToWidth('abc', 5)).toBe('abc  ')
  })

  it('measures plain text by length only where string-width agrees, character by character', () => {
    const ranges = [
      [0x20, 0x7e],
      [0xa0, 0xac],
      [0xae, 0xff],
      [0x2010, 0x2027],
      [0x2030, 0x205e],
      [0x2190, 0x2199],
      [0x2205, 0x2205],
      [0x2500, 0x257f],
      [0x25a0, 0x25ef],
      [0x2713, 0x2713],
      [0x2717, 0x2717],
    ]
    for (const [from, to] of ranges)
      for (let cp = from!; cp <= to!; cp++) {
        const c = String.fromCodePoint(cp)
        expect(stringWidth(c), `U+${cp.toString(16)}`).toBe(1)
        expect(displayWidth(c)).toBe(1)
      }
  })
})
