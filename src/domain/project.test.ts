import { describe, expect, it } from 'vitest'
import { derivePrefix, prefixCandidates } from './project.ts'

describe('derivePrefix', () => {
  it("derives the original's prefixes from titles", () => {
    expect(derivePrefix('Customer Portal')).toBe('CPCUS')
    expect(derivePrefix('Tasks')).toBe('TTASK')
    expect(derivePrefix('Contract Project')).toBe('CPCON')
    expect(derivePrefix('A')).toBe('AAX')
    expect(derivePrefix('Hello World Of Things And More')).toBe('HWOTA')
    expect(derivePrefix('')).toBe('PRJ')
    expect(derivePrefix('2024 plan')).toBe('PPLAN')
  })

  it('offers letter-only alternatives when the first is taken', () => {
    const c = prefixCandidates('Customer Portal')
    expect(c.slice(0, 3)).toEqual(['CPCUS', 'CPCUA', 'CPCUB'])
    expect(new Set(c).size).toBe(c.length)
    for (const p of c) expect(p).toMatch(/^[A-Z]{2,5}$/)
    expect(prefixCandidates('A').slice(0, 2)).toEqual(['AAX', 'AAXA'])
  })
})
