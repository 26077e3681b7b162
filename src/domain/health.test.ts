import { describe, expect, it } from 'vitest'
import { healthChecks, healthScore, isReviewComment, parseHealthScore } from './health.ts'

const base = {
  type: 'task',
  parent: null,
  acceptance_criteria: '',
  stage: 'design',
  state: 'idle',
  first_stage: 'design',
  comments: [],
}

describe('healthChecks', () => {
  it('gives a fresh orphan one point, for being ready', () => {
    const c = healthChecks(base)
    expect(c).toEqual({
      not_an_orphan: false,
      has_acceptance_criteria: false,
      reviewed_by_reviewer_agent: false,
      definition_of_ready: true,
    })
    expect(healthScore(c)).toBe(1)
  })
  it('gives all four to a reviewed child with criteria, still at the start', () => {
    const c = healthChecks({
      ...base,
      parent: 'CUS-E-1',
      acceptance_criteria: 'works',
      comments: [{ author: 'reviewer-bot', text: 'ok' }],
    })
    expect(healthScore(c)).toBe(4)
  })
  it('counts an epic as placed, and work in progress as past ready', () => {
    const c = healthChecks({ ...base, type: 'epic', stage: 'develop', state: 'active' })
    expect(c.not_an_orphan).toBe(true)
    expect(c.definition_of_ready).toBe(false)
  })
  it('follows the first stage of a custom workflow', () => {
    expect(
      healthChecks({ ...base, stage: 'triage', first_stage: 'triage' }).definition_of_ready,
    ).toBe(true)
  })
})

describe('isReviewComment', () => {
  it.each([
    [{ author: 'Reviewer', text: 'x' }, true],
    [{ author: 'alice', text: 'Looks good, APPROVED' }, true],
    [{ author: 'alice', text: 'needs approval' }, true],
    [{ author: 'alice', text: 'reviewed' }, true],
    [{ author: 'alice', text: 'review later' }, false],
  ])('%j → %s', (c, expected) => {
    expect(isReviewComment(c)).toBe(expected)
  })
})

describe('parseHealthScore', () => {
  it('accepts 0 to 4', () => {
    for (const n of [0, 1, 2, 3, 4]) expect(parseHealthScore(String(n))).toBe(n)
  })
  it.each([-1, 5, 2.5, 'x'])('refuses %j', (n) => {
    expect(() => parseHealthScore(n)).toThrow(/health score/)
  })
})
