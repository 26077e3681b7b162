import { expect, it } from 'vitest'
import { TicketError } from './errors.ts'
import { assertStoryMove, parseStoryStatus } from './story.ts'

it('allows the review path and its way back, refusing jumps', () => {
  expect(() => assertStoryMove('draft', 'ready_for_review')).not.toThrow()
  expect(() => assertStoryMove('ready_for_review', 'draft')).not.toThrow()
  expect(() => assertStoryMove('accepted', 'done')).not.toThrow()
  expect(() => assertStoryMove('done', 'accepted')).not.toThrow()
  expect(() => assertStoryMove('draft', 'draft')).not.toThrow()
  expect(() => assertStoryMove('draft', 'done')).toThrow(/cannot go from draft to done/)
  expect(() => assertStoryMove('done', 'draft')).toThrow(TicketError)
})

it('reads statuses loosely', () => {
  expect(parseStoryStatus('Ready for review')).toBe('ready_for_review')
  expect(parseStoryStatus('ready-for-review')).toBe('ready_for_review')
  expect(() => parseStoryStatus('shipped')).toThrow(/invalid story status/)
})
