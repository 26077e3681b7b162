import { describe, expect, it } from 'vitest'
import { uiHint } from './hints.ts'

describe('uiHint', () => {
  it('leaves out what only the command line can do and keeps the advice', () => {
    expect(uiHint('finish them first, or pass -force to complete it anyway')).toBe(
      'finish them first',
    )
    expect(uiHint('set it idle first (tk idle TK-T-4) or give it up with tk unclaim TK-T-4')).toBe(
      'set it idle first',
    )
    expect(uiHint('move it back to an earlier stage to reopen it, e.g. tk stage KEY test')).toBe(
      'move it back to an earlier stage to reopen it',
    )
    expect(uiHint('see its dependencies with tk dep list TK-T-4')).toBeUndefined()
    expect(uiHint('choose a parent outside this team’s sub-teams')).toBe(
      'choose a parent outside this team’s sub-teams',
    )
    expect(uiHint(undefined)).toBeUndefined()
  })
})
