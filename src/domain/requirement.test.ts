import { expect, it } from 'vitest'
import { assertReview, effectiveReviewStatus } from './requirement.ts'

it('reads a requirement never reviewed as proposed', () => {
  expect(effectiveReviewStatus(null)).toBe('proposed')
  expect(effectiveReviewStatus('revised')).toBe('revised')
})

it('settles accepted requirements and sends rejected ones through revision', () => {
  expect(() => assertReview('proposed', 'accepted', 'R')).not.toThrow()
  expect(() => assertReview('revised', 'rejected', 'R')).not.toThrow()
  expect(() => assertReview('rejected', 'revised', 'R')).not.toThrow()
  expect(() => assertReview('rejected', 'accepted', 'R')).toThrow(/was rejected/)
  expect(() => assertReview('accepted', 'revised', 'R')).toThrow(/already accepted/)
})
