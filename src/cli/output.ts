/** @module Everything the CLI prints: human text or `--json`, and `error:`/`hint:` lines. */
import { terminalSafeDeep } from '../domain/terminal-text.ts'
import { TICKET_FIELDS } from '../domain/ticket.ts'
import { UsageError } from './usage-error.ts'

export type Output = {
  readonly json: boolean
  readonly color: boolean
  /** Columns available for tables (120 when stdout is not a terminal). */
  readonly width: number
  /** `--fields`, when given. */
  readonly fields: readonly string[] | undefined
  /** Prints human text (one or more lines) to stdout. */
  line(text: string): void
  /** Prints `value` as JSON in --json mode, else the human rendering. */
  data<T>(value: T, human: (v: T) => string): void
  /**
   * Prints a list that arrives page by page as it arrives, so a whole list never sits in
   * memory: in --json mode one JSON array (the same text `data` writes for all the rows at
   * once), else each page's human rendering (`first` for the page that carries a header).
   */
  pages<T>(
    pages: AsyncIterable<readonly T[]>,
    human: (page: readonly T[], first: boolean) => string,
    empty: string,
  ): Promise<void>
}

export type OutputOptions = {
  readonly json: boolean
  readonly color: boolean
  readonly width: number
  readonly fields: readonly string[] | undefined
  /** Indented JSON: at a terminal, or with `--pretty`; one line otherwise, for programs. */
  readonly pretty: boolean
  /** False when the text waits in memory (a slow reader): `drained` then resolves when it is gone. */
  readonly write: (text: string) => boolean | undefined
  readonly drained?: () => Promise<void>
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Answers that wrap a ticket (claim, agent request: `{status, ticket, …}`) keep their
 * envelope; `--fields` then applies to the ticket inside, which is what a caller asks about.
 */
const isEnvelope = (v: Record<string, unknown>) =>
  'status' in v && 'ticket' in v && (v.ticket === null || isRecord(v.ticket))

function pick(value: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, fields))
  if (!isRecord(value)) return value
  if (isEnvelope(value)) return { ...value, ticket: pick(value.ticket, fields) }
  return Object.fromEntries(fields.filter((f) => f in value).map((f) => [f, value[f]]))
}

/** The field names `value` can show: its own keys (a list's, an envelope's ticket's). */
function fieldsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) fieldsOf(v, into)
  else if (isRecord(value)) {
    if (isEnvelope(value)) return fieldsOf(value.ticket, into)
    for (const k of Object.keys(value)) into.add(k)
  }
  return into
}

/** Refuses `--fields` names that are not among `known` (a typo would silently drop data). */
export function checkFields(fields: readonly string[], known: Iterable<string>): void {
  const valid = new Set(known)
  const unknown = fields.filter((f) => !valid.has(f))
  if (unknown.length === 0) return
  throw new UsageError(
    `unknown field${unknown.length > 1 ? 's' : ''} for --fields: ${unknown.join(', ')}`,
    `valid fields: ${[...valid].join(', ')}`,
  )
}

export function createOutput(o: OutputOptions): Output {
  return {
    json: o.json,
    color: o.color,
    width: o.width,
    fields: o.fields,
    line: (text) => o.write(text.endsWith('\n') ? text : `${text}\n`),
    data(value, human) {
      if (o.json) {
        if (o.fields) {
          const known = fieldsOf(value, new Set())
          // An empty answer cannot show which names exist; a ticket's are the usual ones.
          checkFields(o.fields, known.size > 0 ? known : TICKET_FIELDS)
        }
        const shown = o.fields ? pick(value, o.fields) : value
        o.write(`${JSON.stringify(shown, null, o.pretty ? 2 : undefined)}\n`)
        return
      }
      // Data may come from anyone with write access: its control characters are shown, not
      // obeyed. Colour is added by the renderers afterwards, so it survives.
      const text = human(terminalSafeDeep(value))
      if (text !== '') o.write(text.endsWith('\n') ? text : `${text}\n`)
    },
    async pages(pages, human, empty) {
      let count = 0
      // A page is read only once the one before has left, so a slow reader bounds memory.
      const send = async (text: string) => {
        if (o.write(text) === false && o.drained) await o.drained()
      }
      for await (const page of pages) {
        if (o.json) {
          if (count === 0 && o.fields) {
            const known = fieldsOf(page, new Set())
            checkFields(o.fields, known.size > 0 ? known : TICKET_FIELDS)
          }
          // JSON.stringify(rows, null, 2) puts each row on its own lines, indented by two.
          let text = ''
          for (const row of page) {
            const shown = o.fields ? pick(row, o.fields) : row
            text += count++ === 0 ? '[' : ','
            text += o.pretty
              ? `\n  ${JSON.stringify(shown, null, 2).replaceAll('\n', '\n  ')}`
              : JSON.stringify(shown)
          }
          if (text !== '') await send(text)
          continue
        }
        if (page.length === 0) continue
        const text = human(terminalSafeDeep(page), count === 0)
        count += page.length
        if (text !== '') await send(text.endsWith('\n') ? text : `${text}\n`)
      }
      if (o.json) o.write(count === 0 ? '[]\n' : o.pretty ? '\n]\n' : ']\n')
      else if (count === 0 && empty !== '') o.write(`${empty}\n`)
    },
  }
}

const SGR = {
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  grey: 90,
} as const
export type Colour = keyof typeof SGR

export const paint = (on: boolean, colour: Colour, text: string) =>
  on && text !== '' ? `\x1b[${SGR[colour]}m${text}\x1b[0m` : text

// Shared with the terminal UI, so they live beside the domain types.
export { ago, formatMinutes } from '../domain/format.ts'
