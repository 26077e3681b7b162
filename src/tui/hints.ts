/**
 * A refusal's hint as the terminal UI shows it. Service hints are written for the command line
 * ("pass -force", "(tk idle TK-T-4)", "e.g. tk stage KEY test"); in the UI there is no such
 * command to type, so the parts that name one are left out and the advice that remains is
 * kept. Returns undefined when nothing is left.
 */
export function uiHint(hint: string | undefined): string | undefined {
  if (!hint) return undefined
  const cli = /\btk [a-z]|(^|\s)-[a-z]/
  const kept = hint
    // "(tk idle TK-T-4)" beside the advice, and ", e.g. tk …" examples after it.
    .replace(/\s*\([^)]*\)/g, (group) => (cli.test(group) ? '' : group))
    .replace(/,?\s*(e\.g\.|see:?)\s.*$/, (tail) => (cli.test(tail) ? '' : tail))
    .split(/,?\s+or\s+|;\s*/)
    .filter((clause) => clause.trim() !== '' && !cli.test(clause))
  return kept.length > 0 ? kept.join(' or ') : undefined
}

/** A refusal as one line: the reason, then the hint's advice when some is left. */
export function refusal(e: { readonly message: string; readonly hint?: string | undefined }) {
  const hint = uiHint(e.hint)
  return `${e.message}${hint ? ` — ${hint}` : ''}`
}
