import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedWorkspace } from '../../bench/seed.ts'
import { tempDir } from '../support/temp-dir.ts'
import { TK_BIN } from '../support/workspace.ts'

describe('a reader that closes the pipe early (tk list -n 0 | head -1)', () => {
  it('ends the command quietly with status 0', async () => {
    const home = join(tempDir('tk-pipe-'), '.ticket')
    // Far more output than a pipe buffers, so writes go on after the reader has left.
    await seedWorkspace(home, 3000)
    const child = spawn(process.execPath, [TK_BIN, 'list', '-n', '0'], {
      env: {
        ...process.env,
        TICKET_HOME: home,
        TICKET_URL: '',
        TICKET_USERNAME: '',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })
})
