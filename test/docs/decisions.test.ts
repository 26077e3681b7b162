import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const decisions = join(root, 'docs/decisions')

/** Markdown and source files that may point at a decision record. */
function filesLinking(): string[] {
  const out: string[] = [join(root, 'README.md'), join(root, 'CONTRIBUTING.md')]
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(md|ts|tsx|js)$/.test(e.name)) out.push(p)
    }
  }
  for (const d of ['bin', 'docs', 'src', 'web/src']) walk(join(root, d))
  return out.filter((f) => existsSync(f))
}

describe('docs/decisions', () => {
  it('numbers each record once', () => {
    const numbers = readdirSync(decisions)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, 4))
    const repeated = numbers.filter((n, i) => numbers.indexOf(n) !== i)
    expect(repeated).toEqual([])
  })

  it('is linked to by names that exist', () => {
    const broken: string[] = []
    for (const file of filesLinking()) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?:docs\/)?decisions\/(\d{4}-[\w-]+\.md)/g)) {
        const target = join(decisions, m[1]!)
        const relative = m[0].startsWith('docs/') ? target : resolve(dirname(file), m[0])
        if (!existsSync(target) && !existsSync(relative))
          broken.push(`${file.slice(root.length + 1)} → ${m[0]}`)
      }
    }
    expect(broken).toEqual([])
  })
})
