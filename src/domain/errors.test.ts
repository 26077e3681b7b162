import { describe, expect, it } from 'vitest'
import { forbidden, notFound, TicketError, unlessNotFound } from './errors.ts'

describe('unlessNotFound', () => {
  it('answers undefined only for an absent thing, and passes every other failure on', async () => {
    expect(await unlessNotFound(Promise.resolve(1))).toBe(1)
    expect(await unlessNotFound(Promise.reject(notFound('no project X')))).toBeUndefined()
    await expect(unlessNotFound(Promise.reject(forbidden('not yours')))).rejects.toBeInstanceOf(
      TicketError,
    )
    await expect(unlessNotFound(Promise.reject(new Error('ECONNREFUSED')))).rejects.toThrow(
      'ECONNREFUSED',
    )
  })
})
