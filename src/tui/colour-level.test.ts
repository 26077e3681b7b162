import { describe, expect, it } from 'vitest'
import { colourLevel } from './colour-level.ts'

describe('colourLevel', () => {
  it('keeps colour on a terminal whatever CI says', () => {
    expect(colourLevel({ CI: 'true', TERM: 'screen' })).toBe(1)
    expect(colourLevel({ CI: '1', TERM: 'tmux-256color' })).toBe(2)
    expect(colourLevel({ CI: 'true', TERM: 'xterm', COLORTERM: 'truecolor' })).toBe(3)
  })

  it('reads the terminal type and program', () => {
    expect(colourLevel({ TERM: 'xterm-256color' })).toBe(2)
    expect(colourLevel({ TERM: 'xterm-kitty' })).toBe(3)
    expect(colourLevel({ TERM: 'xterm', COLORTERM: '24bit' })).toBe(3)
    expect(colourLevel({ TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.0' })).toBe(3)
    expect(colourLevel({ TERM_PROGRAM: 'Apple_Terminal', TERM: 'xterm' })).toBe(2)
    expect(colourLevel({ TERM: 'linux' })).toBe(1)
    expect(colourLevel({ TERM: 'dumb' })).toBe(0)
  })

  it('lets FORCE_COLOR name the level', () => {
    expect(colourLevel({ FORCE_COLOR: '0', TERM: 'xterm-256color' })).toBe(0)
    expect(colourLevel({ FORCE_COLOR: 'false', TERM: 'xterm-256color' })).toBe(0)
    expect(colourLevel({ FORCE_COLOR: '3', TERM: 'dumb' })).toBe(3)
    expect(colourLevel({ FORCE_COLOR: '', TERM: 'xterm-256color' })).toBe(2)
  })
})
