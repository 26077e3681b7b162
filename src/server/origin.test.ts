import { describe, expect, it } from 'vitest'
import { parseOrigin } from './origin.ts'

describe('parseOrigin', () => {
  it('takes an origin as browsers write it', () => {
    expect(parseOrigin('https://tickets.example.com')).toBe('https://tickets.example.com')
    expect(parseOrigin('HTTPS://Tickets.Example.com/')).toBe('https://tickets.example.com')
    expect(parseOrigin('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080')
  })

  it('refuses what is not one, naming the fix', () => {
    for (const bad of ['tickets.example.com', 'https://x.example/app', 'ftp://x.example', '*'])
      expect(() => parseOrigin(bad)).toThrow(
        expect.objectContaining({ code: 'invalid', hint: expect.stringMatching(/-origin https:/) }),
      )
  })
})
