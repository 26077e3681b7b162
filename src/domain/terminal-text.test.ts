import { describe, expect, it } from 'vitest'
import { TicketError } from './errors.ts'
import {
  characterCount,
  refuseHiddenCharacters,
  terminalSafe,
  terminalSafeDeep,
} from './terminal-text.ts'
import { normaliseTitle } from './ticket.ts'

describe('terminalSafe', () => {
  it('shows C0 controls and DEL as control pictures', () => {
    expect(terminalSafe('\x1b]0;pwned\x07')).toBe('␛]0;pwned␇')
    expect(terminalSafe('a\x1b[2Jb')).toBe('a␛[2Jb')
    expect(terminalSafe('ok\rfake')).toBe('ok␍fake')
    expect(terminalSafe('\0\x7f')).toBe('␀␡')
  })

  it('shows an OSC 8 link as text, not a link', () => {
    const link = '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\'
    expect(terminalSafe(link)).toBe('␛]8;;https://evil.example␛\\click␛]8;;␛\\')
  })

  it('shows a C1 control as its 7-bit ESC form', () => {
    expect(terminalSafe('\x9b2J')).toBe('␛[2J')
    expect(terminalSafe('\x9d0;t\x9c')).toBe('␛]0;t␛\\')
  })

  it('names bidirectional overrides and isolates', () => {
    expect(terminalSafe('a\u202eb\u2066c')).toBe('a<U+202E>b<U+2066>c')
  })

  it('keeps newlines, tabs, wide characters and plain text as they are', () => {
    const text = 'line one\n\tline two 🚀 修复 é'
    expect(terminalSafe(text)).toBe(text)
  })

  it('applies to every string inside data, leaving other values alone', () => {
    const v = { title: 'x\x1b[2J', n: 3, tags: ['\x07'], nested: { a: null, b: '\r' } }
    expect(terminalSafeDeep(v)).toEqual({
      title: 'x␛[2J',
      n: 3,
      tags: ['␇'],
      nested: { a: null, b: '␍' },
    })
  })
})

describe('titles refuse what hides', () => {
  it('refuses NUL and bidi overrides, naming the character', () => {
    for (const [text, code] of [
      ['a\0b', 'U+0000'],
      ['invoice\u202Efdp.exe', 'U+202E'],
      ['x\u2066y', 'U+2066'],
    ] as const) {
      let err: unknown
      try {
        refuseHiddenCharacters(text, 'title')
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(TicketError)
      expect((err as TicketError).code).toBe('invalid')
      expect((err as TicketError).message).toContain(code)
    }
    expect(() => normaliseTitle('Fix \u202Elogin')).toThrow(/bidirectional control/)
  })

  it('counts the title limit in characters, not UTF-16 units', () => {
    expect(characterCount('🚀🚀')).toBe(2)
    expect(normaliseTitle('🚀'.repeat(500))).toHaveLength(1000)
    expect(() => normaliseTitle('🚀'.repeat(501))).toThrow(/501 characters; the limit is 500/)
  })
})
