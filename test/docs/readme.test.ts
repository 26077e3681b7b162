import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir.ts'
import { TK_BIN } from '../support/workspace.ts'

/*
 * Every `sh` block of the README runs as printed, in order, in one new directory, with `tk`
 * and `ticket` the built binary. A block that cannot run here (it installs from the registry,
 * starts a server that runs until stopped, needs an LLM) is marked on the line before it:
 *
 *     <!-- readme-test: skip (the reason) -->
 *
 * and a marker without a reason is refused, so each skip says why.
 */

const README = new URL('../../README.md', import.meta.url)
const SKIP = /^<!-- readme-test: skip \((.+)\) -->$/

type Block = { line: number; code: string; skip: string | undefined }

function shellBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sh') continue
    const end = lines.indexOf('```', i + 1)
    const before = lines[i - 1] ?? ''
    if (before.startsWith('<!-- readme-test') && !SKIP.test(before))
      throw new Error(`README.md:${i}: write the marker as <!-- readme-test: skip (why) -->`)
    blocks.push({
      line: i + 1,
      code: lines.slice(i + 1, end).join('\n'),
      skip: SKIP.exec(before)?.[1],
    })
    i = end
  }
  return blocks
}

describe('README', () => {
  it('runs every shell block that is not marked, as printed', () => {
    const blocks = shellBlocks(readFileSync(README, 'utf8'))
    const runnable = blocks.filter((b) => b.skip === undefined)
    expect(runnable.length).toBeGreaterThan(2)
    const dir = tempDir('tk-readme-')
    const bin = join(dir, '.bin')
    mkdirSync(bin)
    for (const name of ['tk', 'ticket']) {
      writeFileSync(
        join(bin, name),
        `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(TK_BIN)} "$@"\n`,
      )
      chmodSync(join(bin, name), 0o755)
    }
    const work = join(dir, 'work')
    mkdirSync(work)
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: dir,
      NO_COLOR: '1',
      TICKET_URL: '',
      TICKET_USERNAME: '',
      TICKET_PASSWORD: '',
    }
    for (const b of runnable) {
      try {
        execFileSync('sh', ['-ec', b.code], { cwd: work, env, encoding: 'utf8', stdio: 'pipe' })
      } catch (e) {
        const { stderr, stdout } = e as { stderr: string; stdout: string }
        throw new Error(
          `README.md:${b.line} failed:\n${b.code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
        )
      }
    }
  })

  it('links to and shows only files that exist (screenshots included)', () => {
    const markdown = readFileSync(README, 'utf8')
    const targets = [...markdown.matchAll(/!?\[[^\]]*\]\(([^)#\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((t) => !/^[a-z]+:/.test(t))
    expect(targets).toContain('test/e2e/screenshots/desktop-light-board.png')
    expect(targets.filter((t) => !existsSync(new URL(`../../${t}`, import.meta.url)))).toEqual([])
  })
})
