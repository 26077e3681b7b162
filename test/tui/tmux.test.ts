import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { ADMIN_PASSWORD, signedIn, startTestServer } from '../support/server.ts'
import { openTmux } from '../support/tmux.ts'
import { tempWorkspace } from '../support/workspace.ts'

/*
 * The built `tk -g` in a real terminal: tmux gives it a 120×40 pty, keys go in with
 * send-keys and the screen comes back with capture-pane. No tmux is a failure, not a skip:
 * .ci/run installs it.
 */

type T = { key: string; title: string; status: string; assignee: string | null }

describe('tk -g in a real terminal (tmux)', () => {
  it('needs tmux on this machine', () => {
    expect(() => execFileSync('tmux', ['-V'], { encoding: 'utf8' })).not.toThrow()
  })

  it('navigates, opens, starts and completes a ticket, creates one, switches theme and quits cleanly', async () => {
    const ws = await tempWorkspace()
    await ws.json('add', 'Write the docs')
    await ws.json('add', 'Ship it')
    const t = openTmux(ws, ['-g'])
    await t.waitFor('Recent activity')
    expect(t.format('#{alternate_on}')).toBe('1')

    await t.send('2')
    await t.waitFor('List · 2 tickets')
    await t.send('j', 'Enter')
    await t.waitFor('TK-T-1  Write the docs')
    await t.send('s')
    await t.waitFor(/Status\s+◑ design\/active/)
    await t.send('c')
    await t.waitFor(/Status\s+○ develop\/idle/)
    await t.send('Escape')
    await t.waitFor('List · 2 tickets')

    await t.send('n')
    await t.waitFor('New ticket in TK')
    await t.type('Made in tmux')
    await t.send('C-s')
    await t.waitFor('created ○ TK-T-3 design/idle  Made in tmux')
    await t.waitFor('List · 3 tickets')

    await t.send('t')
    await t.waitFor('theme: Deep Dark Green')
    await t.send('q')
    const after = await t.waitFor('TK-EXITED:0')

    // The terminal is back: main screen, no mouse reporting, cooked mode with echo.
    expect(after).not.toContain('Summary │')
    expect(t.format('#{alternate_on}')).toBe('0')
    expect(t.format('#{mouse_any_flag}#{mouse_sgr_flag}')).toBe('00')
    expect(t.format('#{cursor_flag}')).toBe('1')
    await t.waitFor(/icanon\s+echo|echo\s+icanon/)

    const done = await ws.json<T>('get', 'TK-T-1')
    expect(done).toMatchObject({ status: 'develop/idle', assignee: 'admin' })
    const all = await ws.json<T[]>('list')
    expect(all.map((x) => x.title)).toContain('Made in tmux')
    const config = JSON.parse(readFileSync(join(ws.home, 'config.json'), 'utf8'))
    expect(config.tui).toMatchObject({ view: 'list', theme: 'deep-dark-green' })
  })

  it('starts with -theme NAME and tk gui, comes back where it was, and leaves on Ctrl+C', async () => {
    const ws = await tempWorkspace()
    const first = openTmux(ws, ['gui', '-theme', 'dracula'])
    await first.waitFor('Recent activity')
    await first.send('3')
    await first.waitFor('design (0)')
    // A resize redraws to the new size: four lanes in 80 columns, the status row at the bottom.
    first.resize(80, 24)
    const small = await first.waitFor(/design \(0\) {5,}develop \(0\) {5,}test/)
    const lines = small.split('\n')
    expect(lines.every((l) => l.length <= 80)).toBe(true)
    expect(lines[23]).toContain('Shift+←/→ move')
    await first.send('C-c')
    await first.waitFor('TK-EXITED:0')
    expect(first.format('#{alternate_on}')).toBe('0')
    await first.waitFor(/icanon\s+echo|echo\s+icanon/)

    const again = openTmux(ws, ['-g'])
    await again.waitFor('design (0)')
    await again.send('7')
    await again.waitFor(/● Dracula/)
    await again.send('q')
    await again.waitFor('TK-EXITED:0')
  })

  it('gives the terminal back when killed with SIGTERM', async () => {
    const ws = await tempWorkspace()
    const t = openTmux(ws, ['-g'])
    await t.waitFor('Recent activity')
    process.kill(t.tkPid(), 'SIGTERM')
    await t.waitFor('TK-EXITED:')
    expect(t.format('#{alternate_on}')).toBe('0')
    expect(t.format('#{mouse_any_flag}')).toBe('0')
    await t.waitFor(/icanon\s+echo|echo\s+icanon/)
  })

  it('gives the terminal back and reports the error when it cannot save its state', async () => {
    const ws = await tempWorkspace()
    // A directory where config.json should be: reading falls back, writing fails.
    rmSync(join(ws.home, 'config.json'))
    mkdirSync(join(ws.home, 'config.json'))
    const t = openTmux(ws, ['-g'])
    const s = await t.waitFor('TK-EXITED:1')
    expect(s).toContain("error: could not save the terminal UI's state in config.json")
    expect(s).not.toContain('Summary │')
    expect(t.format('#{alternate_on}')).toBe('0')
    expect(t.format('#{mouse_any_flag}')).toBe('0')
    await t.waitFor(/icanon\s+echo|echo\s+icanon/)
  })

  it("works against a server in remote mode and shows others' changes live", async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const colleague = await signedIn(server)
    await colleague.createTicket({ project: 'TK', title: 'On the server' })
    const ws = await tempWorkspace({ init: false })
    const t = openTmux(ws, ['-g'], {
      TICKET_URL: server.url,
      TICKET_USERNAME: 'admin',
      TICKET_PASSWORD: ADMIN_PASSWORD,
    })
    await t.waitFor('Recent activity')
    await t.send('2')
    await t.waitFor('On the server')
    await colleague.createTicket({ project: 'TK', title: 'Made by a colleague' })
    await t.waitFor('Made by a colleague')
    await t.send('s')
    await t.waitFor(/◑ TK-T-2 design\/active/)
    expect((await colleague.getTicket('TK-T-2')).assignee).toBe('admin')
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  })

  it('keeps acting on the selected ticket after the list re-sorts', async () => {
    const ws = await tempWorkspace()
    for (let i = 1; i <= 10; i++) await ws.json('add', `ticket ${i}`)
    const t = openTmux(ws, ['-g'])
    await t.waitFor('Recent activity')
    await t.send('2')
    await t.waitFor('List · 10 tickets')
    // Newest first: TK-T-10, TK-T-9, TK-T-8.
    await t.send('j', 'j')
    await t.waitFor(/▸ ○ . TK-T-8 /)
    // Starting it sorts it to the top; the cursor goes with it.
    await t.send('s')
    await t.waitFor(/▸ ◑ . TK-T-8 +design\/active/)
    await t.send('c')
    await t.waitFor(/TK-T-8 develop\/idle/)
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
    const after = await ws.json<T[]>('list')
    const status = Object.fromEntries(after.map((x) => [x.key, x.status]))
    expect(status).toMatchObject({
      'TK-T-8': 'develop/idle',
      'TK-T-9': 'design/idle',
      'TK-T-10': 'design/idle',
    })
  })

  it('keeps the cursor on its ticket when a colleague adds one above it (remote mode)', async () => {
    const server = await startTestServer()
    onTestFinished(() => server.close())
    const colleague = await signedIn(server)
    const first = await colleague.createTicket({ project: 'TK', title: 'first' })
    await colleague.createTicket({ project: 'TK', title: 'second' })
    const ws = await tempWorkspace({ init: false })
    const t = openTmux(ws, ['-g'], {
      TICKET_URL: server.url,
      TICKET_USERNAME: 'admin',
      TICKET_PASSWORD: ADMIN_PASSWORD,
    })
    await t.waitFor('Recent activity')
    await t.send('2')
    await t.waitFor('second')
    await t.send('j')
    await t.waitFor(new RegExp(`▸ ○ . ${first.key} `))
    const added = await colleague.createTicket({ project: 'TK', title: 'from a colleague' })
    // The frame that shows the colleague's ticket still has the cursor where it was.
    expect(await t.waitFor('from a colleague')).toMatch(new RegExp(`▸ ○ . ${first.key} `))
    await t.send('s')
    await t.waitFor(new RegExp(`◑ ${first.key} design/active`))
    expect((await colleague.getTicket(added.key)).state).toBe('idle')
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
  })

  it('leaves the board cursor on its card when a move is refused', async () => {
    const ws = await tempWorkspace()
    const epic = await ws.json<T>('add', 'The epic', '-t', 'epic')
    const child = await ws.json<T>('add', 'A child', '--parent', epic.key)
    const other = await ws.json<T>('add', 'Elsewhere')
    // Staging the child takes its epic along; the other card waits in the next lane.
    await ws.json('stage', child.key, 'develop')
    await ws.json('stage', other.key, 'test')
    const t = openTmux(ws, ['-g'])
    await t.waitFor('Recent activity')
    await t.send('3')
    await t.waitFor('test (1)')
    // Onto the develop lane from the next one: its first card is the epic.
    await t.send('l', 'l', 'h', 'Enter')
    await t.waitFor(`${epic.key}  The epic`)
    await t.send('Escape')
    await t.waitFor('test (1)')
    await t.send('L')
    await t.waitFor('error: ')
    // The highlight stays on the epic: Enter opens it, and K raises its priority only.
    await t.send('Enter')
    await t.waitFor(`${epic.key}  The epic`)
    await t.send('Escape')
    await t.waitFor('test (1)')
    await t.send('K')
    await t.waitFor(`${epic.key} priority 2`)
    await t.send('q')
    await t.waitFor('TK-EXITED:0')
    expect((await ws.json<{ priority: number }>('get', other.key)).priority).toBe(3)
    expect((await ws.json<{ priority: number }>('get', child.key)).priority).toBe(3)
  })

  it('refuses an unknown theme before drawing anything', async () => {
    const ws = await tempWorkspace()
    const t = openTmux(ws, ['-g', '-theme', 'plaid'])
    const s = await t.waitFor('TK-EXITED:2')
    expect(s).toContain('error: unknown theme "plaid"')
    expect(s).toContain('hint: choose one of: the-grey,')
  })
})
