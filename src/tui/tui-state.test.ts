import { describe, expect, it } from 'vitest'
import { INITIAL_STATE, readTuiState } from './tui-state.ts'

describe('readTuiState', () => {
  it('reads what was saved', () => {
    const saved = {
      view: 'board',
      filters: { list: 'type:bug' },
      cursors: { list: 4, board: 100_002 },
      selected: { list: 'TK-T-7', board: 'TK-T-3' },
      theme: 'dracula',
      tree: true,
      expanded: ['TK-E-1'],
      persist: true,
    }
    expect(readTuiState(saved)).toEqual(saved)
  })

  it('falls back to defaults for anything malformed', () => {
    expect(readTuiState(undefined)).toEqual(INITIAL_STATE)
    expect(
      readTuiState({
        view: 'nowhere',
        filters: { list: 3, bogus: 'x' },
        cursors: { list: -1 },
        theme: 'plaid',
      }),
    ).toEqual(INITIAL_STATE)
  })

  it('accepts a theme by its name and keeps only the theme when persistence is off', () => {
    expect(readTuiState({ view: 'list', theme: 'Neon Nights', persist: false })).toEqual({
      ...INITIAL_STATE,
      theme: 'neon-nights',
      persist: false,
    })
  })
})
