import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { screenShows } from './poll.ts'
import { type TempWorkspace, TK_BIN } from './workspace.ts'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The built `tk ARGS` in a real terminal: tmux gives it a pty of `size` (120×40 unless told),
 * keys go in with send-keys and the screen comes back with capture-pane. The session ends
 * with the test.
 */
export function openTmux(
  ws: TempWorkspace,
  args: string[],
  env: Record<string, string> = {},
  size: { columns: number; rows: number } = { columns: 120, rows: 40 },
) {
  const pidFile = join(ws.dir, `tk-${Math.random().toString(36).slice(2, 8)}.pid`)
  const socket = `tk-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  const tmux = (...a: string[]) =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...a], { encoding: 'utf8' })
  // After tk ends, print its exit code and the terminal's line discipline, then linger so
  // the pane can still be read.
  const script = [
    // `exec` keeps the pid written here, so a test can signal tk itself.
    `sh -c 'echo $$ > "$0"; exec "$@"' ${JSON.stringify(pidFile)} ${JSON.stringify(process.execPath)} ${JSON.stringify(TK_BIN)} ${args.join(' ')}`,
    'echo "TK-EXITED:$?"',
    `stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '`,
    'echo',
    'sleep 600',
  ].join('; ')
  tmux(
    'new-session',
    '-d',
    '-x',
    String(size.columns),
    '-y',
    String(size.rows),
    ...Object.entries({ TICKET_HOME: ws.home, TICKET_URL: '', NO_COLOR: '', ...env }).flatMap(
      ([k, v]) => ['-e', `${k}=${v}`],
    ),
    'sh',
    '-c',
    script,
  )
  onTestFinished(() => {
    try {
      tmux('kill-server')
    } catch {
      // Already gone.
    }
  })
  const screen = () => tmux('capture-pane', '-p')
  return {
    screen,
    /** Each cell's background as tmux holds it (`default` where none was painted). */
    backgrounds: () => backgrounds(tmux('capture-pane', '-p', '-e', '-N')),
    /** The screen with its escape codes, as `backgrounds` reads it. */
    raw: () => tmux('capture-pane', '-p', '-e', '-N'),
    resize: (x: number, y: number) => tmux('resize-window', '-x', String(x), '-y', String(y)),
    tkPid: () => Number(readFileSync(pidFile, 'utf8').trim()),
    format: (f: string) => tmux('display-message', '-p', f).trim(),
    async send(...keys: string[]) {
      for (const k of keys) {
        tmux('send-keys', k)
        await sleep(120)
      }
    },
    /** Sends `keys` in one write, with no pause between them. */
    sendBurst: (...keys: string[]) => tmux('send-keys', ...keys),
    async type(text: string) {
      tmux('send-keys', '-l', text)
      await sleep(150)
    },
    /** The screen once it shows `expected` (a string, a pattern, or a test of the screen). */
    waitFor: (expected: string | RegExp | ((screen: string) => boolean), timeout = 10_000) =>
      screenShows(screen, expected, timeout, 100),
  }
}

/**
 * The background colour of every cell of a `capture-pane -e` dump, row by row: the SGR
 * parameter text that set it (`48;5;231`, `44`), or `default`. tmux writes only the changes, so
 * the colour set on one row carries on into the next.
 */
export function backgrounds(dump: string): string[][] {
  let bg = 'default'
  return dump
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      const row: string[] = []
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is read
      for (const m of line.matchAll(/\x1b\[([\d;]*)m|\x1b[^[]|([^\x1b])/gu)) {
        if (m[2] !== undefined) {
          row.push(bg)
          continue
        }
        const ps = (m[1] ?? '').split(';')
        for (let i = 0; i < ps.length; i++) {
          const p = ps[i] === '' ? 0 : Number(ps[i])
          if (p === 0 || p === 49) bg = 'default'
          else if (p === 38) i += ps[i + 1] === '5' ? 2 : 4
          else if (p === 48) {
            const n = ps[i + 1] === '5' ? 2 : 4
            bg = ps.slice(i, i + 1 + n).join(';')
            i += n
          } else if ((p >= 40 && p <= 47) || (p >= 100 && p <= 107)) bg = String(p)
        }
      }
      return row
    })
}
