import { expect, it } from 'vitest'
import { FailedSignIns } from './failed-sign-ins.ts'

it('refuses an address after its failures for the minute, and forgets them after it', () => {
  const f = new FailedSignIns(2)
  f.record('a', 0)
  f.check('a', 1)
  f.record('a', 1000)
  expect(() => f.check('a', 2000)).toThrow('too many failed sign-ins')
  f.check('b', 2000)
  f.check('a', 61_000)
})
