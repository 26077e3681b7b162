import { expect, it } from 'vitest'
import { wouldCycle } from './team.ts'

it('finds a cycle when the new parent is the team or below it', () => {
  // 1 ← 2 ← 3 (3's parent is 2, 2's parent is 1)
  const parents = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, null],
  ])
  expect(wouldCycle(1, 3, parents)).toBe(true)
  expect(wouldCycle(1, 1, parents)).toBe(true)
  expect(wouldCycle(3, 1, parents)).toBe(false)
  expect(wouldCycle(1, 4, parents)).toBe(false)
})

it('stops on corrupt data that already loops', () => {
  const loop = new Map<number, number | null>([
    [1, 2],
    [2, 1],
  ])
  expect(wouldCycle(3, 1, loop)).toBe(false)
})
