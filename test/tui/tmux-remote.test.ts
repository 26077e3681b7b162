import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { type RunningServer, startServer, VERSION } from '../../src/server/start.ts'
import { ADMIN_PASSWORD, signedIn } from '../support/server.ts'
import { tempDir } from '../support/temp-dir.ts'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

/** The real server over a database file that outlives it, so it can be stopped and restarted. */
async function restartableServer() {
  const dbPath = join(tempDir('tk-srv-'), 'ticket.db')
  const start = (port = 0) =>
    startServer({ dbPath, host: '127.0.0.1', port, adminPassword: ADMIN_PASSWORD })
  let server: RunningServer | undefined = await start()
  const port = Number(new URL(server.url).port)
  onTestFinished(() => server?.close())
  return {
    url: server.url,
    server: () => server!,
    async stop() {
      await server?.close()
      server = undefined
    },
    async restart() {
      server = await start(port)
    },
  }
}

describe('tk -g against a server that goes away (tmux)', () => {
  it('shows at once that the server is gone, keeps the rows, and clears the badge when it is back', async () => {
    const s = await restartableServer()
    const colleague = await signedIn(s.server())
    await colleague.createTicket({ project: 'TK', title: 'Kept on screen' })
    const ws = await tempWorkspace({ init: false })
    const t = openTmux(ws, ['-g'], {
      TICKET_URL: s.url,
      TICKET_USERNAME: 'admin',
      TICKET_PASSWORD: ADMIN_PASSWORD,
    })
    await t.waitFor('Recent activity')
    // The server's version, which may not be this tk's, is on the status row once it answers.
    await t.waitFor(new RegExp(`server ${VERSION}\\s*$`, 'm'))
    await t.send('2')
    await t.waitFor('Kept on screen')

    await s.stop()
    // No key pressed: the closed WebSocket is enough to know.
    await t.waitFor('disconnected — retrying')
    await t.send('r')
    // The reload fails and says why, over the rows it had.
    await t.waitFor(
      (screen) =>
        screen.includes('could not load') &&
        screen.includes('Kept on screen') &&
        screen.includes('disconnected — retrying'),
    )

    await s.restart()
    const back = await t.waitFor((screen: string) => !screen.includes('disconnected'))
    expect(back).toContain('Kept on screen')
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  })
})
