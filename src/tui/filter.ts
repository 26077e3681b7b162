import { isState, type State } from '../domain/lifecycle.ts'
import { isTicketType, type TicketType } from '../domain/ticket.ts'

/** What `/` typed, understood: field terms become a TicketFilter, the rest is searched. */
export type ParsedFilter = {
  readonly filter: {
    type?: TicketType
    stage?: string
    state?: State
    assignee?: string
    label?: string
    closed?: boolean
  }
  readonly words: string
  readonly problems: readonly string[]
}

/**
 * `type:bug state:active assignee:me login` → type, state and assignee terms plus the word
 * `login` for full-text search. `all` includes closed tickets. Unknown values are reported,
 * not silently dropped, so a typo never looks like "no tickets".
 */
export function parseFilter(query: string, me: string): ParsedFilter {
  const filter: ParsedFilter['filter'] = {}
  const words: string[] = []
  const problems: string[] = []
  for (const term of query.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(type|stage|state|assignee|label|is):(.+)$/i.exec(term)
    if (!m) {
      if (term.toLowerCase() === 'all') filter.closed = true
      else words.push(term)
      continue
    }
    const field = m[1]!.toLowerCase()
    const value = m[2]!
    const lower = value.toLowerCase()
    if (field === 'type') {
      if (isTicketType(lower)) filter.type = lower
      else problems.push(`unknown type "${value}"`)
    } else if (field === 'state') {
      if (isState(lower)) filter.state = lower
      else problems.push(`unknown state "${value}"`)
    } else if (field === 'stage') filter.stage = value.toLowerCase()
    else if (field === 'assignee') filter.assignee = value === 'me' ? me : value
    else if (field === 'label') filter.label = value
    else if (value === 'closed' || value === 'all') filter.closed = true
    else problems.push(`unknown term "${term}"`)
  }
  return { filter, words: words.join(' '), problems }
}
