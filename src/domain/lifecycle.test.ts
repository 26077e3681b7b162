import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TicketError } from './errors.ts'
import {
  applyStage,
  applyState,
  DEFAULT_STAGES,
  deriveParentLifecycle,
  isValidPair,
  type Lifecycle,
  parseLifecycleInput,
  parseState,
  parseStatus,
  STATES,
} from './lifecycle.ts'

const stages = DEFAULT_STAGES
const lc = (stage: string, state: Lifecycle['state']): Lifecycle => ({ stage, state })

describe('applyState', () => {
  it('advances on success to the next stage at idle', () => {
    const steps = applyState(lc('design', 'active'), 'success', stages)
    expect(steps.map((s) => s.to)).toEqual([lc('design', 'success'), lc('develop', 'idle')])
  })
  it('arrives done/success when the next stage is final', () => {
    expect(applyState(lc('test', 'idle'), 'success', stages).at(-1)?.to).toEqual(
      lc('done', 'success'),
    )
  })
  it('refuses any state change once done', () => {
    expect(() => applyState(lc('done', 'success'), 'fail', stages)).toThrow(/done/)
  })
  it('refuses idle and active in the final stage', () => {
    expect(() => applyState(lc('done', 'fail'), 'active', stages)).toThrow(TicketError)
    expect(applyState(lc('done', 'fail'), 'success', stages).at(-1)?.to).toEqual(
      lc('done', 'success'),
    )
  })
  it('sets other states in place', () => {
    expect(applyState(lc('develop', 'fail'), 'idle', stages)).toEqual([
      { from: lc('develop', 'fail'), to: lc('develop', 'idle') },
    ])
  })
  it('always produces a valid pair from a valid pair (property)', () => {
    const valid = fc
      .constantFrom(...stages.flatMap((s) => STATES.map((t) => lc(s, t))))
      .filter((l) => isValidPair(l, stages))
    fc.assert(
      fc.property(valid, fc.constantFrom(...STATES), (from, state) => {
        try {
          const steps = applyState(from, state, stages)
          return isValidPair(steps.at(-1)!.to, stages)
        } catch (e) {
          return e instanceof TicketError
        }
      }),
    )
  })
})

describe('applyStage', () => {
  it('resets to idle, or success in the final stage', () => {
    expect(applyStage('test', stages)).toEqual(lc('test', 'idle'))
    expect(applyStage('done', stages)).toEqual(lc('done', 'success'))
    expect(() => applyStage('qa', stages)).toThrow(/stage/)
  })
  it('works with a custom workflow', () => {
    expect(applyStage('ship', ['build', 'ship'])).toEqual(lc('ship', 'success'))
    expect(applyState(lc('build', 'idle'), 'success', ['build', 'ship']).at(-1)?.to).toEqual(
      lc('ship', 'success'),
    )
  })
})

describe('deriveParentLifecycle', () => {
  it('takes the earliest stage and the state rule', () => {
    expect(deriveParentLifecycle([lc('test', 'idle'), lc('develop', 'active')], stages)).toEqual(
      lc('develop', 'active'),
    )
    expect(deriveParentLifecycle([lc('done', 'success'), lc('done', 'success')], stages)).toEqual(
      lc('done', 'success'),
    )
    expect(deriveParentLifecycle([lc('develop', 'fail'), lc('test', 'idle')], stages)).toEqual(
      lc('develop', 'fail'),
    )
    expect(deriveParentLifecycle([lc('design', 'idle'), lc('done', 'success')], stages)).toEqual(
      lc('design', 'idle'),
    )
    expect(deriveParentLifecycle([], stages)).toBeUndefined()
  })
  it('is success exactly when every leaf succeeded, and stage is never later than any leaf (property)', () => {
    const leaf = fc
      .constantFrom(...stages.flatMap((s) => STATES.map((t) => lc(s, t))))
      .filter((l) => isValidPair(l, stages))
    fc.assert(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 8 }), (leaves) => {
        const d = deriveParentLifecycle(leaves, stages)!
        const rank = (s: string) => stages.indexOf(s as (typeof stages)[number])
        return (
          (d.state === 'success') === leaves.every((l) => l.state === 'success') &&
          leaves.every((l) => rank(d.stage) <= rank(l.stage)) &&
          leaves.some((l) => l.stage === d.stage) &&
          isValidPair(d, stages)
        )
      }),
    )
  })
})

describe('parsing', () => {
  it('reads states and statuses', () => {
    expect(parseState('Complete')).toBe('success')
    expect(parseState('failed')).toBe('fail')
    expect(() => parseState('busy')).toThrow(/invalid state/)
    expect(parseStatus('develop/active', stages)).toEqual(lc('develop', 'active'))
    expect(() => parseStatus('develop', stages)).toThrow(/invalid status/)
  })
})

describe('parseLifecycleInput', () => {
  it('splits a status and checks it against a stage or state given beside it', () => {
    expect(parseLifecycleInput({ status: 'Develop/Complete' })).toEqual(lc('develop', 'success'))
    expect(parseLifecycleInput({ stage: 'develop', status: 'develop/idle' })).toEqual(
      lc('develop', 'idle'),
    )
    expect(parseLifecycleInput({ stage: ' Test ', state: 'failed' })).toEqual(lc('test', 'fail'))
    expect(parseLifecycleInput({})).toEqual({})
    expect(() => parseLifecycleInput({ status: 'develop/active/extra' })).toThrow(/invalid status/)
    expect(() => parseLifecycleInput({ stage: 'test', status: 'develop/idle' })).toThrow(/disagree/)
    expect(() => parseLifecycleInput({ state: 'done', status: 'develop/idle' })).toThrow(/disagree/)
    expect(() => parseLifecycleInput({ state: 'constructor' })).toThrow(/invalid state/)
  })
})
