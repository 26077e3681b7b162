import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * Two promises of issue "Small ones seen on the way": the test command leaves a clean checkout
 * (the tracked screenshots under test/e2e/screenshots/ change only with SCREENSHOTS=1), and the
 * README says that npm's EBADENGINE warnings on an older Node are expected.
 */

const ROOT = new URL('../../', import.meta.url).pathname

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? testFiles(join(dir, e.name))
      : /\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  )
}

describe('a clean checkout stays clean', () => {
  it('every screenshot a test takes is behind SCREENSHOTS=1', () => {
    const unguarded: string[] = []
    let calls = 0
    for (const file of testFiles('test')) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
      lines.forEach((line, i) => {
        if (!/\.screenshot\(/.test(line)) return
        calls++
        const before = lines.slice(Math.max(0, i - 4), i + 1).join('\n')
        if (!/process\.env\.SCREENSHOTS/.test(before)) unguarded.push(`${file}:${i + 1}`)
      })
    }
    expect(calls).toBeGreaterThan(0)
    expect(unguarded).toEqual([])
  })

  it('the README says EBADENGINE warnings on an older Node are expected', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ')
    expect(readme).toMatch(/`npm ci` prints EBADENGINE warnings [^.]*; they are expected/)
  })
})
