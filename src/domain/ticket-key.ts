import { invalid } from './errors.ts'
import { type TicketType, TYPE_CODES } from './ticket.ts'

/** A normalised upper-case ticket key such as `CUS-T-42`. */
export type TicketKey = string & { readonly __brand: 'TicketKey' }

export const formatTicketKey = (prefix: string, type: TicketType, seq: number): TicketKey =>
  `${prefix}-${TYPE_CODES[type]}-${seq}` as TicketKey

/** What a user may type to name a ticket: `CUS-T-42`, `CUS-42`, or `42` inside the active project. */
export type TicketRef =
  | { kind: 'key'; key: TicketKey }
  | { kind: 'seq'; prefix: string; seq: number }
  | { kind: 'local'; seq: number }

const KEY = /^([A-Z]{2,5})-([A-Z])-(\d+)$/
const PREFIX_SEQ = /^([A-Z]{2,5})-(\d+)$/
const SEQ = /^#?(\d+)$/

export function parseTicketRef(input: string): TicketRef {
  const s = input.trim().toUpperCase()
  let m = KEY.exec(s)
  if (m) return { kind: 'key', key: s as TicketKey }
  m = PREFIX_SEQ.exec(s)
  if (m) return { kind: 'seq', prefix: m[1]!, seq: Number(m[2]) }
  m = SEQ.exec(s)
  if (m) return { kind: 'local', seq: Number(m[1]) }
  throw invalid(
    `"${input}" is not a ticket reference`,
    'use a key such as CUS-T-42, CUS-42, or 42 in the active project',
  )
}
