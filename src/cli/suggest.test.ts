import { describe, expect, it } from 'vitest'
import { editDistance, nearest } from './suggest.ts'

describe('editDistance', () => {
  it('counts a swap of adjacent letters as one edit', () => {
    expect(editDistance('agnet', 'agent')).toBe(1)
    expect(editDistance('lable', 'label')).toBe(1)
    expect(editDistance('projct', 'project')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })
})

describe('nearest', () => {
  it('offers the closest names first', () => {
    expect(nearest('lable', ['labels', 'label', 'list'])).toEqual(['label'])
    expect(nearest('agnet', ['get', 'agent', 'add'])).toEqual(['agent'])
    expect(nearest('descripton', ['description', 'type', 'priority'])).toEqual(['description'])
    expect(nearest('parent_id', ['parent', 'project'])).toEqual(['parent'])
  })

  it('offers nothing for a word unlike any name', () => {
    expect(nearest('bogus', ['description', 'type', 'priority'])).toEqual([])
  })
})
