import { describe, expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

// What a hostile user, agent or LLM could put in a ticket to act on someone else's terminal.
const TITLE_CHANGE = '\x1b]0;pwned\x07'
const CLEAR = '\x1b[2J'
const LINK = '\x1b]8;;https://evil.example\x1b\\click me\x1b]8;;\x1b\\'
const C1_CSI = '\x9b31m'

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/

describe('text from tickets cannot act on the terminal', () => {
  it('tk list, get, comments and search show control characters instead of sending them', async () => {
    const ws = await tempWorkspace()
    const add = await ws.tk('add', `Fix ${TITLE_CHANGE}login${CLEAR}`, '-d', `see ${LINK}\rfake`)
    expect(add.code).toBe(0)
    await ws.tk('comment', '1', `done ${C1_CSI}red`)
    for (const args of [['list'], ['get', '1'], ['comments', '1'], ['search', 'login'], ['tree']]) {
      const r = await ws.tk(...args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stdout, args.join(' ')).not.toMatch(CONTROL)
    }
    const get = (await ws.tk('get', '1')).stdout
    expect(get).toContain('Fix ␛]0;pwned␇login␛[2J')
    expect(get).toContain('see ␛]8;;https://evil.example␛\\click me␛]8;;␛\\␍fake')
    expect((await ws.tk('comments', '1')).stdout).toContain('done ␛[31mred')
  })

  it('--json keeps the stored text exactly (JSON escapes it)', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', `x${CLEAR}`)
    const r = await ws.tk('get', '1', '--json')
    expect(r.stdout).not.toMatch(CONTROL)
    expect(JSON.parse(r.stdout).title).toBe(`x${CLEAR}`)
  })

  it('refuses hidden characters in titles with a clear usage error', async () => {
    const ws = await tempWorkspace()
    const bidi = await ws.tk('add', 'invoice\u202Efdp.exe')
    expect(bidi.code).toBe(2)
    expect(bidi.stderr).toMatch(
      /error: title contains a bidirectional control character \(U\+202E\)/,
    )
    expect(bidi.stderr).toMatch(/hint: remove it/)
    expect((await ws.tk('add', 'ok')).code).toBe(0)
    const update = await ws.tk('update', '1', '-title', 'a\u2066b')
    expect(update.code).toBe(2)
    expect(update.stderr).toMatch(/U\+2066/)
  })

  it('counts the 500-character title limit in characters', async () => {
    const ws = await tempWorkspace()
    expect((await ws.tk('add', '🚀'.repeat(500))).code).toBe(0)
    const long = await ws.tk('add', '🚀'.repeat(501))
    expect(long.code).toBe(2)
    expect(long.stderr).toMatch(/title is 501 characters; the limit is 500/)
  })
})
