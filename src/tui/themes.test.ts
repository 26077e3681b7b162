import { describe, expect, it } from 'vitest'
import { findTheme, nextTheme, THEMES } from './themes.ts'

describe('themes', () => {
  it("has the reference's nine in its order, plus Dracula, Monochrome and a high-contrast one", () => {
    expect(THEMES.map((t) => t.id)).toEqual([
      'the-grey',
      'deep-dark-green',
      'maudlin-maroon',
      'neon-nights',
      'bright-n-breezy',
      'contrast-my-disco',
      'lo-fi',
      'brain-fuzz',
      'k-pop',
      'dracula',
      'monochrome',
      'high-contrast',
    ])
  })

  it('finds a theme by id or by name in any case', () => {
    expect(findTheme('Bright n Breezy')?.id).toBe('bright-n-breezy')
    expect(findTheme('LO-FI')?.id).toBe('lo-fi')
    expect(findTheme('plaid')).toBeUndefined()
  })

  it('cycles through all of them and back to the first', () => {
    expect(nextTheme(THEMES.at(-1)!).id).toBe('the-grey')
    expect(nextTheme(THEMES[0]!, -1).id).toBe('high-contrast')
  })
})
