import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { spawnServer } from '../support/server-process.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, tempWorkspace } from '../support/workspace.ts'

// Decision 0045: commands outside the terminal UI, the server and the MCP server run from
// dist/cli.cjs with a V8 code cache kept per user and written after the command has run.

const ESM_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

function cacheEnv(cacheHome: string): NodeJS.ProcessEnv {
  return { XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '' }
}

function cacheFiles(cacheHome: string): string[] {
  try {
    return readdirSync(join(cacheHome, 'ticket')).filter((f) => f.endsWith('.cache'))
  } catch {
    return []
  }
}

/** The command words the cache was written for (hashed), from its first line. */
function trainedWords(file: string): string[] {
  const data = readFileSync(file)
  return JSON.parse(data.subarray(0, data.indexOf(10)).toString()) as string[]
}

/** The ES-module build run directly, as bin/tk.js runs it for `server`, `gui`, `edit`, `mcp`. */
function runEsm(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ stdout: string; stderr: string; code: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [ESM_CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', TICKET_URL: '', TICKET_USERNAME: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }))
  })
}

describe('the command line code cache (decision 0045)', () => {
  it('is written on first use, kept while the same command runs, grown by a new command', async () => {
    const ws = await tempWorkspace()
    const cacheHome = tempDir('tk-cache-')
    const tk = (...args: string[]) =>
      runTk(args, { cwd: ws.dir, env: { TICKET_HOME: ws.home, ...cacheEnv(cacheHome) } })

    const first = await tk('add', 'first ticket')
    expect(first.code).toBe(0)
    const [name] = cacheFiles(cacheHome)
    expect(cacheFiles(cacheHome)).toHaveLength(1)
    const file = join(cacheHome, 'ticket', name!)
    expect(trainedWords(file)).toHaveLength(1)
    const written = statSync(file).mtimeMs

    // The same command again uses the cache and leaves it as it is.
    const second = await tk('add', 'second ticket')
    expect(second.code).toBe(0)
    expect(statSync(file).mtimeMs).toBe(written)
    expect(trainedWords(file)).toHaveLength(1)

    // Another command adds what it compiled: the cache now holds both.
    const got = await tk('get', '-id', second.stdout.trim())
    expect(got.code).toBe(0)
    expect(got.stdout).toContain('second ticket')
    expect(trainedWords(file)).toHaveLength(2)
    expect(cacheFiles(cacheHome)).toEqual([name])
  })

  it('is replaced when V8 refuses it, and the command runs as if there were none', async () => {
    const ws = await tempWorkspace()
    const cacheHome = tempDir('tk-cache-')
    const tk = (...args: string[]) =>
      runTk(args, { cwd: ws.dir, env: { TICKET_HOME: ws.home, ...cacheEnv(cacheHome) } })
    const key = (await tk('add', 'a ticket')).stdout.trim()
    const [name] = cacheFiles(cacheHome)
    const file = join(cacheHome, 'ticket', name!)
    const good = readFileSync(file)
    // A cache of the right size whose bytes are garbage, trained for every command word.
    const head = `${JSON.stringify(trainedWords(file))}\n`
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(head), Buffer.alloc(good.length - head.length, 7)]),
    )

    const got = await tk('get', '-id', key)
    expect(got).toMatchObject({ code: 0, stderr: '' })
    expect(got.stdout).toContain('a ticket')
    const rewritten = readFileSync(file)
    expect(rewritten.subarray(head.length).every((b) => b === 7)).toBe(false)
    expect(trainedWords(file)).toHaveLength(1)
  })

  it('is kept apart for tk server, which starts Node with flags of its own', async () => {
    const ws = await tempWorkspace()
    const cacheHome = tempDir('tk-cache-')
    const tk = (...args: string[]) =>
      runTk(args, { cwd: ws.dir, env: { TICKET_HOME: ws.home, ...cacheEnv(cacheHome) } })
    expect((await tk('list')).code).toBe(0)
    const [command] = cacheFiles(cacheHome)
    const file = join(cacheHome, 'ticket', command!)
    const written = statSync(file).mtimeMs

    const server = await spawnServer([], cacheEnv(cacheHome))
    const health = await fetch(`${server.url}/api/healthz`)
    expect(health.status).toBe(200)
    server.child.kill('SIGTERM')
    // The server writes its own cache as it ends; the command's is left as it was.
    await expect.poll(() => cacheFiles(cacheHome).length, { timeout: 15_000 }).toBe(2)
    expect(cacheFiles(cacheHome)).toContain(command)
    expect(statSync(file).mtimeMs).toBe(written)

    // And the command still finds its cache good: nothing is rewritten.
    expect((await tk('list')).code).toBe(0)
    expect(statSync(file).mtimeMs).toBe(written)
  })

  it('is not written with NODE_DISABLE_COMPILE_CACHE=1', async () => {
    const ws = await tempWorkspace()
    const cacheHome = tempDir('tk-cache-')
    const r = await runTk(['list'], {
      cwd: ws.dir,
      env: { TICKET_HOME: ws.home, ...cacheEnv(cacheHome), NODE_DISABLE_COMPILE_CACHE: '1' },
    })
    expect(r.code).toBe(0)
    expect(cacheFiles(cacheHome)).toEqual([])
  })

  it('runs the same command line as the module build: answers, errors and exit codes', async () => {
    const ws = await tempWorkspace()
    const cacheHome = tempDir('tk-cache-')
    const env = { TICKET_HOME: ws.home, ...cacheEnv(cacheHome) }
    const key = (
      await runTk(['add', 'same either way', '-p', '2'], { cwd: ws.dir, env })
    ).stdout.trim()
    for (const args of [
      ['get', '-id', key, '--json'],
      ['list', '--json'],
      ['get', '-id', 'NOPE-T-1'],
      ['list', '-n', 'many'],
      ['nosuch'],
      ['help', 'add'],
    ]) {
      const script = await runTk(args, { cwd: ws.dir, env })
      const esm = await runEsm(args, ws.dir, env)
      expect({ args, ...script }).toEqual({ args, ...esm })
    }
  })
})
