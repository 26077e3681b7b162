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
})
