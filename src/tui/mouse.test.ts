import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { extractMouse, filterMouse, type MouseEvent } from './mouse.ts'

describe('extractMouse', () => {
  it('takes SGR clicks and wheel turns out of the input, zero-based', () => {
    expect(extractMouse('j\x1b[<0;5;3Mk\x1b[<0;5;3m\x1b[<64;1;1M\x1b[<65;2;2M')).toEqual({
      events: [
        { kind: 'click', x: 4, y: 2 },
        { kind: 'wheel-up', x: 0, y: 0 },
        { kind: 'wheel-down', x: 1, y: 1 },
      ],
      rest: 'jk',
    })
  })

  it('leaves key sequences alone', () => {
    expect(extractMouse('\x1b[A\x1b[1;2C')).toEqual({ events: [], rest: '\x1b[A\x1b[1;2C' })
  })
})

describe('filterMouse', () => {
  it('passes keys on and reports mouse events separately', async () => {
    const tty = Object.assign(new PassThrough(), {
      isTTY: true,
      raw: false,
      setRawMode(on: boolean) {
        tty.raw = on
        return tty
      },
    }) as unknown as NodeJS.ReadStream & { raw: boolean }
    const { stdin, mouse, dispose } = filterMouse(tty)
    const events: MouseEvent[] = []
    mouse.on('mouse', (e) => events.push(e))
    stdin.setRawMode(true)
    expect(tty.raw).toBe(true)
    tty.write('q\x1b[<0;1;1M')
    await new Promise((r) => setImmediate(r))
    expect(stdin.read()).toBe('q')
    expect(events).toEqual([{ kind: 'click', x: 0, y: 0 }])
    dispose()
  })
})
