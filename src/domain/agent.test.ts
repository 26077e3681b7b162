import { describe, expect, it } from 'vitest'
import { afterLapse, isReportableStatus, wallMinutes } from './agent.ts'

describe('afterLapse', () => {
  it('returns a ticket to the queue until the last allowed attempt, then leaves it in fail', () => {
    expect(afterLapse(1, 3)).toBe('idle')
    expect(afterLapse(2, 3)).toBe('idle')
    expect(afterLapse(3, 3)).toBe('fail')
    expect(afterLapse(1, 1)).toBe('fail')
  })
})

describe('wallMinutes', () => {
  it('rounds up to whole minutes, at least one', () => {
    expect(wallMinutes(0)).toBe(1)
    expect(wallMinutes(59_000)).toBe(1)
    expect(wallMinutes(60_001)).toBe(2)
    expect(wallMinutes(90_000)).toBe(2)
  })
})

it('lets agents report only the statuses the protocol defines', () => {
  expect(isReportableStatus('working')).toBe(true)
  expect(isReportableStatus('offline')).toBe(false)
  expect(isReportableStatus('anything')).toBe(false)
})
