import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { displayWidth } from '../../src/domain/display-width.ts'
import { tempDir } from '../support/temp-dir.ts'
import { runTk, TK_BIN, tempWorkspace } from '../support/workspace.ts'

type T = { key: string; title: string; description: string; priority: number }

describe('misspelt flags are usage errors, never data', () => {
  it('reads a single-dash word as a long flag and suggests the nearest one', async () => {
    const ws = await tempWorkspace()
    const cases = [
      [['add', 'Fix login', '-descripton', 'users cannot log in'], '-descripton', '-description'],
      [['add', 'x', '-priorty', '2'], '-priorty', '-priority'],
      [['add', 'x', '-parent_id', 'TK-E-1'], '-parent_id', '-parent'],
      [['add', 'x', '--descripton=y'], '--descripton', '-description'],
      [['ls', '-projet', 'TK'], '-projet', '-project'],
    ] as const
    for (const [args, typed, meant] of cases) {
      const r = await ws.tk(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain(`error: unknown flag ${typed}\n`)
      expect(r.stderr).toContain(`hint: did you mean ${meant}?`)
    }
    await ws.tk('add', 'talk')
    const comment = await ws.tk('comment', '1', 'started', '-mesage', 'x')
    expect(comment.code).toBe(2)
    expect(comment.stderr).toMatch(/unknown flag -mesage\nhint: did you mean -message\?/)
    for (const [args, typed] of [
      [['add', 'x', '-workflow', '3'], '-workflow'],
      [['add', 'x', '-bogus'], '-bogus'],
      [['-bogus'], '-bogus'],
    ] as const) {
      const r = await ws.tk(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain(`error: unknown flag ${typed}\n`)
    }
    // Nothing was written by any of them.
    expect((await ws.json<T[]>('ls')).map((t) => t.title)).toEqual(['talk'])
    expect(await ws.json<unknown[]>('comments', '1')).toEqual([])
  })

  it('still combines short booleans and takes a value after the last', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'one')
    await ws.tk('add', 'two')
    await ws.tk('close', '1')
    expect((await ws.tk('ls', '-ad', '--json')).code).toBe(0)
    expect((await ws.json<T[]>('ls', '-ad')).map((t) => t.key).sort()).toEqual(['TK-T-1', 'TK-T-2'])
    expect((await ws.json<T[]>('ls', '-an', '1')).length).toBe(1)
    const d = await ws.json<T>('add', 'three', '-d', 'described')
    expect(d.description).toBe('described')
    expect(await ws.json<T>('add', 'four', '-d=-starts with a dash', '-p=2')).toMatchObject({
      description: '-starts with a dash',
      priority: 2,
    })
  })
})

describe('exit codes follow one rule', () => {
  it('a value a flag cannot take is a usage error (2) on every command', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'x')
    for (const args of [
      ['add', 'x', '-p', '0'],
      ['add', 'x', '-t', 'epicc'],
      ['add', ''],
      ['update', '1', '-title', ''],
      ['ls', '-n', 'abc'],
      ['label', 'create', 'x', '-color', 'rgb(1,2,3)'],
    ]) {
      const r = await ws.tk(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(/^error: /)
    }
    // A refusal by a rule stays 1.
    expect((await ws.tk('get', 'TK-T-99')).code).toBe(1)
  })

  it('a refused claim is an error on stderr with exit 1', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'blocked')
    await ws.tk('add', 'blocker')
    await ws.tk('dep', 'add', '1', '2')
    const r = await ws.tk('claim', '1')
    expect(r).toMatchObject({ code: 1, stdout: '' })
    expect(r.stderr).toMatch(/^error: cannot claim TK-T-1: .*TK-T-2/)
    expect(r.stderr).toMatch(/\nhint: /)
    const json = await ws.tk('claim', '1', '--json')
    expect(json).toMatchObject({ code: 1, stdout: '' })
    expect(JSON.parse(json.stderr).error).toMatch(/cannot claim TK-T-1/)
  })
})

describe('help and suggestions', () => {
  it('tk --help and tk -h print the overview', async () => {
    const ws = await tempWorkspace()
    const plain = await ws.tk()
    for (const flag of ['--help', '-h', '-help']) {
      const r = await ws.tk(flag)
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^tk — tickets and projects/)
      expect(r.stdout).toBe(plain.stdout)
    }
  })

  it('unknown commands and verbs suggest the nearest names', async () => {
    const ws = await tempWorkspace()
    for (const [word, meant] of [
      ['projct', 'tk project'],
      ['agnet', 'tk agent'],
      ['lable', 'tk label'],
    ]) {
      const r = await ws.tk(word!)
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(`error: unknown command "${word}"\nhint: did you mean ${meant}?\n`)
    }
    const verb = await ws.tk('label', 'craete', 'x')
    expect(verb.stderr).toMatch(/hint: did you mean tk label create\?/)
  })
})

describe('shell completion', () => {
  /** What bash offers for the last of `words` with the generated script, `tk` on the PATH. */
  async function complete(dir: string, home: string, words: string[]): Promise<string[]> {
    const bin = tempDir('tk-bin-')
    writeFileSync(join(bin, 'tk'), `#!/bin/sh\nexec "${process.execPath}" "${TK_BIN}" "$@"\n`)
    chmodSync(join(bin, 'tk'), 0o755)
    const script = (await runTk(['completion', 'bash'], { cwd: dir })).stdout
    const out = execFileSync(
      'bash',
      [
        '-c',
        `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tk; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          TICKET_HOME: home,
          TICKET_URL: '',
        },
      },
    ).toString()
    return out.split('\n').filter(Boolean)
  }

  it('completes commands, subcommands, flags and ticket keys', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', 'one')
    await ws.tk('add', 'two')
    expect(await complete(ws.dir, ws.home, ['tk', 'proj'])).toEqual(['project'])
    expect(await complete(ws.dir, ws.home, ['tk', 'label', 'cr'])).toEqual(['create'])
    expect(await complete(ws.dir, ws.home, ['tk', 'add', '-descr'])).toEqual(['-description'])
    expect(await complete(ws.dir, ws.home, ['tk', 'label', 'add', '1', '-'])).toContain('-json')
    expect((await complete(ws.dir, ws.home, ['tk', 'get', 'TK-'])).sort()).toEqual([
      'TK-T-1',
      'TK-T-2',
    ])
    expect((await complete(ws.dir, ws.home, ['tk', 'comment', 'TK-T-'])).sort()).toContain('TK-T-2')
  })
})

describe('columns count display width', () => {
  it('tk ls keeps columns aligned with wide and combining characters', async () => {
    const ws = await tempWorkspace()
    for (const title of ['🚀 Launch rocket', '修复登录问题', 'Cafe\u0301 menu', 'plain'])
      await ws.tk('add', title)
    const lines = (await ws.tk('ls')).stdout.trimEnd().split('\n')
    const statusAt = (l: string) => displayWidth(l.slice(0, l.indexOf('design/idle')))
    const header = lines[0]!
    const column = displayWidth(header.slice(0, header.indexOf('STATUS')))
    for (const l of lines.slice(1)) expect(statusAt(l), l).toBe(column)
  })

  it('cuts a long wide-character title to the terminal width in columns', async () => {
    const ws = await tempWorkspace()
    await ws.tk('add', '修'.repeat(200))
    const lines = (await ws.tk('ls')).stdout.trimEnd().split('\n')
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(120)
    expect(lines[1]).toContain('…')
  })
})

describe('tk init -skill', () => {
  it('writes the agent skill file as the spec says', async () => {
    const ws = await tempWorkspace({ init: false })
    const r = await ws.tk('init', '-skill', '-password', 'secret-admin-pw')
    expect(r.code).toBe(0)
    const path = join(ws.dir, '.claude', 'skills', 'tk', 'SKILL.md')
    expect(existsSync(path)).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe((await ws.tk('skill')).stdout)
    expect(r.stdout).toContain(`skill file   : ${path}`)
  })
})
