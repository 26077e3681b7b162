import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'

/** A click or wheel turn at a zero-based cell (x column, y row). */
export type MouseEvent = {
  readonly kind: 'click' | 'wheel-up' | 'wheel-down'
  readonly x: number
  readonly y: number
}

// SGR extended mouse reports: ESC [ < button ; column ; row (M press | m release).
const SGR_MOUSE = new RegExp(`${String.fromCharCode(27)}\\[<(\\d+);(\\d+);(\\d+)([Mm])`, 'g')

/** Splits terminal input into mouse events and the remaining key input. */
export function extractMouse(chunk: string): { events: MouseEvent[]; rest: string } {
  const events: MouseEvent[] = []
  const rest = chunk.replace(SGR_MOUSE, (_all, b: string, col: string, row: string, end) => {
    const button = Number(b)
    const x = Number(col) - 1
    const y = Number(row) - 1
    // 64/65 are the wheel; 0 is the left button. Releases and drags carry nothing we use.
    if (button === 64) events.push({ kind: 'wheel-up', x, y })
    else if (button === 65) events.push({ kind: 'wheel-down', x, y })
    else if (button === 0 && end === 'M') events.push({ kind: 'click', x, y })
    return ''
  })
  return { events, rest }
}

/** Turns on click and wheel reports (SGR encoding, so large terminals report correctly). */
export const MOUSE_ON = '\x1b[?1000h\x1b[?1006h'
export const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l'

export type MouseSource = EventEmitter<{ mouse: [MouseEvent] }>

/**
 * Ink drops mouse reports before they reach `useInput`, so the terminal's input passes
 * through this stream first: mouse reports go to `mouse`, everything else on to Ink. It
 * forwards raw mode and ref counting to the real terminal, which Ink needs for key input.
 */
export function filterMouse(tty: NodeJS.ReadStream): {
  stdin: NodeJS.ReadStream
  mouse: MouseSource
  dispose(): void
} {
  const mouse: MouseSource = new EventEmitter()
  const out = new PassThrough({ encoding: 'utf8' }) as unknown as NodeJS.ReadStream & PassThrough
  Object.assign(out, {
    isTTY: true,
    setRawMode: (on: boolean) => {
      tty.setRawMode(on)
      return out
    },
    ref: () => {
      tty.ref()
      return out
    },
    unref: () => {
      tty.unref()
      return out
    },
  })
  const onData = (data: Buffer | string) => {
    const { events, rest } = extractMouse(data.toString())
    for (const e of events) mouse.emit('mouse', e)
    if (rest !== '') out.write(rest)
  }
  tty.on('data', onData)
  return {
    stdin: out,
    mouse,
    dispose() {
      tty.off('data', onData)
      tty.pause()
    },
  }
}
