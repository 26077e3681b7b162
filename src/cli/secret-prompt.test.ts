import { PassThrough } from 'node:stream'
import { expect, it } from 'vitest'
import { promptSecret } from './secret-prompt.ts'

/** A terminal stand-in: a stream that accepts raw mode, as a TTY does. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isRaw: false,
    setRawMode(on: boolean) {
      input.isRaw = on
      return input
    },
  })
  let shown = ''
  const output = Object.assign(new PassThrough(), {})
  output.on('data', (d: Buffer) => {
    shown += d.toString()
  })
  return { input, output, shown: () => shown }
}

it('echoes a star per character, handles backspace, and ends at Enter', async () => {
  const t = terminal()
  const answer = promptSecret(
    'agent password: ',
    t.input as unknown as NodeJS.ReadStream,
    t.output as unknown as NodeJS.WriteStream,
  )
  t.input.write('secx\u007fret\r')
  expect(await answer).toBe('secret')
  await new Promise((r) => setImmediate(r))
  expect(t.shown()).toBe('agent password: ****\b \b***\n')
  expect(t.input.isRaw).toBe(false)
})

it('is cancelled by Ctrl-C', async () => {
  const t = terminal()
  const answer = promptSecret(
    'agent password: ',
    t.input as unknown as NodeJS.ReadStream,
    t.output as unknown as NodeJS.WriteStream,
  )
  t.input.write('ab\u0003')
  await expect(answer).rejects.toThrow('cancelled')
})
