import MarkdownIt from 'markdown-it'

/** A run of text with its emphasis. */
export type Span = {
  readonly text: string
  readonly bold?: boolean
  readonly italic?: boolean
  readonly code?: boolean
}

/** One screen line of rendered Markdown. */
export type MarkdownLine = {
  readonly spans: readonly Span[]
  readonly tone?: 'heading' | 'code' | 'muted'
}

// The same settings as the web app: no raw HTML, so nothing in a ticket reaches the terminal
// as anything but text.
const md = new MarkdownIt({ html: false, linkify: false })

type Token = ReturnType<typeof md.parse>[number]

/**
 * Ticket text (CommonMark, as the web app shows it) as terminal lines `width` wide: headings,
 * emphasis, inline code, bullet and numbered lists, quotes, code blocks and rules. Paragraphs
 * wrap at word boundaries; code blocks keep their lines as written.
 */
export function markdownLines(source: string, width: number): MarkdownLine[] {
  const out: MarkdownLine[] = []
  const prefixes: string[] = []
  const counters: (number | undefined)[] = []
  let pendingBullet: string | undefined
  // The block the next inline token belongs to.
  let open = ''
  const indent = () => prefixes.join('')
  const blank = () => {
    if (out.length > 0 && out[out.length - 1]!.spans.length > 0) out.push({ spans: [] })
  }
  const paragraph = (spans: Span[], tone?: MarkdownLine['tone']) => {
    const lead = indent()
    const first = pendingBullet ?? ''
    pendingBullet = undefined
    const room = Math.max(8, width - lead.length - first.length)
    wrapSpans(spans, room).forEach((line, i) => {
      const head = i === 0 ? lead + first : lead + ' '.repeat(first.length)
      out.push({ spans: [{ text: head }, ...line], ...(tone ? { tone } : {}) })
    })
  }
  for (const t of md.parse(source, {}) as Token[]) {
    switch (t.type) {
      case 'heading_close':
      case 'paragraph_close':
      case 'hr':
        if (t.type === 'hr')
          out.push({ spans: [{ text: '─'.repeat(Math.min(width, 40)) }], tone: 'muted' })
        if (prefixes.length === 0 && counters.length === 0) blank()
        break
      case 'bullet_list_open':
        counters.push(undefined)
        break
      case 'ordered_list_open':
        counters.push(Number(t.attrGet('start') ?? 1))
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        counters.pop()
        if (counters.length === 0) blank()
        break
      case 'list_item_open': {
        const n = counters[counters.length - 1]
        pendingBullet = n === undefined ? '• ' : `${n}. `
        if (n !== undefined) counters[counters.length - 1] = n + 1
        break
      }
      case 'list_item_close':
        pendingBullet = undefined
        break
      case 'blockquote_open':
        prefixes.push('│ ')
        break
      case 'blockquote_close':
        prefixes.pop()
        blank()
        break
      case 'inline': {
        // markdown-it emits `heading_open`, then the heading's `inline`.
        const heading = open === 'heading_open'
        paragraph(inlineSpans(t, heading), heading ? 'heading' : undefined)
        break
      }
      case 'fence':
      case 'code_block':
        for (const line of t.content.replace(/\n$/, '').split('\n'))
          out.push({ spans: [{ text: `${indent()}  ${line}` }], tone: 'code' })
        blank()
        break
    }
    open = t.nesting === 1 ? t.type : ''
  }
  while (out.length > 0 && out[out.length - 1]!.spans.length === 0) out.pop()
  return out
}

function inlineSpans(t: Token, heading: boolean): Span[] {
  const spans: Span[] = []
  let bold = heading
  let italic = false
  for (const c of t.children ?? []) {
    if (c.type === 'strong_open') bold = true
    else if (c.type === 'strong_close') bold = heading
    else if (c.type === 'em_open') italic = true
    else if (c.type === 'em_close') italic = false
    else if (c.type === 'code_inline') spans.push({ text: c.content, code: true })
    else if (c.type === 'softbreak') spans.push({ text: ' ' })
    else if (c.type === 'hardbreak') spans.push({ text: '\n' })
    else if (c.type === 'text' || c.type === 'image')
      spans.push({ text: c.content, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) })
  }
  return spans
}

/** Spans broken into lines of at most `width` characters, at spaces where possible. */
export function wrapSpans(spans: readonly Span[], width: number): Span[][] {
  const lines: Span[][] = [[]]
  let used = 0
  const put = (s: Span, text: string) => {
    lines[lines.length - 1]!.push({ ...s, text })
    used += text.length
  }
  const newline = () => {
    lines.push([])
    used = 0
  }
  for (const s of spans) {
    for (const part of s.text.split(/(\n| +)/)) {
      if (part === '') continue
      if (part === '\n') newline()
      else if (part.trim() === '') {
        if (used > 0 && used + part.length < width) put(s, part)
      } else {
        if (used > 0 && used + part.length > width) newline()
        // A word longer than the line is cut into pieces.
        let rest = part
        while (rest !== '') {
          if (used >= width) newline()
          const piece = rest.slice(0, width - used)
          put(s, piece)
          rest = rest.slice(piece.length)
        }
      }
    }
  }
  return lines
}
