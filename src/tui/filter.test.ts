import { describe, expect, it } from 'vitest'
import { parseFilter } from './filter.ts'

describe('parseFilter', () => {
  it('turns field terms into a filter and keeps the other words for search', () => {
    expect(parseFilter('type:bug state:active assignee:me login page', 'ann')).toEqual({
      filter: { type: 'bug', state: 'active', assignee: 'ann' },
      words: 'login page',
      problems: [],
    })
  })

  it('reads stage, label and all (closed tickets too)', () => {
    expect(parseFilter('stage:Develop label:ui all', 'me').filter).toEqual({
      stage: 'develop',
      label: 'ui',
      closed: true,
    })
  })

  it('reports unknown values instead of dropping them', () => {
    expect(parseFilter('type:bgu state:busy', 'me').problems).toEqual([
      'unknown type "bgu"',
      'unknown state "busy"',
    ])
  })

  it('is empty for an empty query', () => {
    expect(parseFilter('   ', 'me')).toEqual({ filter: {}, words: '', problems: [] })
  })
})
