import MarkdownIt from 'markdown-it'

// html: false escapes any HTML in the source, and markdown-it's link check refuses
// javascript:, vbscript: and data: URLs, so the output is safe to insert as HTML.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true })
const defaultLink = md.renderer.rules.link_open
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet('rel', 'noopener noreferrer nofollow')
  return defaultLink
    ? defaultLink(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options)
}

export const renderMarkdown = (source: string) => md.render(source)

export function Markdown({ source, empty }: { source: string; empty?: string }) {
  if (!source.trim()) return <p className="muted">{empty ?? 'Nothing yet.'}</p>
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html disabled (see above)
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />
}
