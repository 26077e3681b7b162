import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ClaimCandidate, claimRefusal, compareClaimOrder, workStage } from './claim.ts'

describe('compareClaimOrder', () => {
  it('orders by priority, then age, then id', () => {
    const c = (id: number, priority: number, created_at: string): ClaimCandidate => ({
      id,
      priority,
      created_at,
    })
    const sorted = [
      c(4, 3, '2026-01-01'),
      c(3, 1, '2026-01-02'),
      c(2, 1, '2026-01-01'),
      c(1, 1, '2026-01-01'),
    ].sort(compareClaimOrder)
    expect(sorted.map((x) => x.id)).toEqual([1, 2, 3, 4])
  })
  it('is a total order consistent with its keys (property)', () => {
    const cand = fc.record({
      id: fc.nat(1000),
      priority: fc.integer({ min: 1, max: 9 }),
      created_at: fc.constantFrom('2026-01-01', '2026-01-02', '2026-01-03'),
    })
    fc.assert(
      fc.property(fc.array(cand), (xs) => {
        const s = [...xs].sort(compareClaimOrder)
        return s.every((x, i) => i === 0 || compareClaimOrder(s[i - 1]!, x) <= 0)
      }),
    )
  })
})

describe('claimRefusal', () => {
  const ok = {
    hasChildren: false,
    open: true,
    archived: false,
    projectOpen: true,
    finalStage: false,
    assignee: null,
    blockers: [],
  }
  it('allows an open unassigned leaf', () => expect(claimRefusal(ok, 'me')).toBeUndefined())
  it('names each reason', () => {
    expect(claimRefusal({ ...ok, hasChildren: true }, 'me')).toMatch(/children/)
    expect(claimRefusal({ ...ok, open: false }, 'me')).toMatch(/closed/)
    expect(claimRefusal({ ...ok, archived: true }, 'me')).toMatch(/archived/)
    expect(claimRefusal({ ...ok, projectOpen: false }, 'me')).toMatch(/project is closed/)
    expect(claimRefusal({ ...ok, finalStage: true }, 'me')).toMatch(/final stage/)
    expect(claimRefusal({ ...ok, assignee: 'bob' }, 'me')).toMatch(/assigned to bob/)
    expect(claimRefusal({ ...ok, assignee: 'me' }, 'me')).toBeUndefined()
    expect(claimRefusal({ ...ok, blockers: ['CUS-T-1'] }, 'me')).toMatch(/blocked by CUS-T-1/)
  })
  it('takes work from develop, or the first stage of a workflow without it', () => {
    expect(workStage(['design', 'develop', 'test', 'done'])).toBe('develop')
    expect(workStage(['todo', 'doing', 'done'])).toBe('todo')
  })
})
