import { describe, expect, it } from 'vitest'
import { parseAddr } from './start.ts'

describe('parseAddr', () => {
  it('reads -addr the way the reference writes it, and lets -p win', () => {
    expect(parseAddr()).toEqual({ host: '0.0.0.0', port: 8080 })
    expect(parseAddr(':9000')).toEqual({ host: '0.0.0.0', port: 9000 })
    expect(parseAddr('127.0.0.1:9000')).toEqual({ host: '127.0.0.1', port: 9000 })
    expect(parseAddr('localhost')).toEqual({ host: 'localhost', port: 8080 })
    expect(parseAddr('[::1]:8081')).toEqual({ host: '::1', port: 8081 })
    expect(parseAddr(':9000', 7000)).toEqual({ host: '0.0.0.0', port: 7000 })
  })
  it('refuses a port out of range', () => {
    expect(() => parseAddr(':70000')).toThrow(/invalid port/)
    expect(() => parseAddr(':80', -1)).toThrow(/invalid port/)
  })
})
