import { describe, expect, it } from 'vitest'
import { type MarkdownLine, markdownLines } from './markdown-lines.ts'

const text = (lines: MarkdownLine[]) =>
  lines.map((l) =>
    l.spans
      .map((s) => s.text)
      .join('')
      .trimEnd(),
  )

describe('markdownLines', () => {
  it('renders headings, emphasis, lists, quotes and code for the terminal', () => {
    const lines = markdownLines(
      '# Plan\n\nSome **bold** and *soft* text with `code`.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\nconst x = 1\n```',
      40,
    )
    expect(text(lines)).toEqual([
      'Plan',
      '',
      'Some bold and soft text with code.',
      '',
      '• one',
      '• two',
      '',
      '1. first',
      '2. second',
      '',
      '│ quoted',
      '',
      '  const x = 1',
    ])
    expect(lines[0]!.tone).toBe('heading')
    const spans = lines[2]!.spans
    expect(spans.find((s) => s.text === 'bold')?.bold).toBe(true)
    expect(spans.find((s) => s.text === 'soft')?.italic).toBe(true)
    expect(spans.find((s) => s.text === 'code')?.code).toBe(true)
    expect(lines.at(-1)!.tone).toBe('code')
  })

  it('wraps paragraphs at spaces and list items under their text', () => {
    expect(text(markdownLines('alpha beta gamma delta', 12))).toEqual(['alpha beta', 'gamma delta'])
    expect(text(markdownLines('- alpha beta gamma', 12))).toEqual(['• alpha beta', '  gamma'])
  })

  it('shows HTML as the text it is', () => {
    expect(text(markdownLines('<b>x</b>', 20))).toEqual(['<b>x</b>'])
  })
})
