import {
  effectiveReviewStatus,
  type ReviewDecision,
  type ReviewStatus,
} from '../../domain/requirement.ts'
import type { Ticket } from '../../domain/ticket.ts'
import type { CommandContext, Run } from '../command.ts'
import { colourState, oneLine } from '../render.ts'
import { table } from '../table.ts'
import { UsageError } from '../usage-error.ts'
import { given } from './subject.ts'

const reviewTable = (c: CommandContext, ts: readonly Ticket[], empty: string) =>
  ts.length === 0
    ? empty
    : table(
        ['KEY', 'REVIEW', 'STATUS', 'TITLE'],
        ts.map((t) => [
          t.key,
          effectiveReviewStatus(t.review_status),
          colourState(c.out, t),
          t.title,
        ]),
        c.out.width,
        3,
      )

export const review: Run = async (c) => {
  const status = (c.str('status') ?? c.args[0]) as ReviewStatus | undefined
  const ts = await (await c.service()).listRequirements({
    project: c.project(),
    ...given({ review_status: status }),
  })
  c.out.data(ts, (xs) =>
    reviewTable(c, xs, status ? `no ${status} requirements` : 'no requirements'),
  )
}

/** `accept requirement KEY` (the reference's form) and `accept KEY` both work. */
function requirementKey(c: CommandContext): string {
  if (c.args[0]?.toLowerCase() === 'requirement') c.args.shift()
  return c.ticket()
}

const decide =
  (decision: ReviewDecision): Run =>
  async (c) => {
    const key = requirementKey(c)
    const t = await (await c.service()).reviewRequirement(key, {
      decision,
      ...given({
        reason: c.str('message'),
        ...(decision === 'revised'
          ? {
              title: c.str('title'),
              description: c.str('description'),
              acceptance_criteria: c.str('ac'),
            }
          : {}),
      }),
    })
    c.out.data(t, (x) => `${decision} ${x.key}\n${oneLine(c.out, x)}`)
  }
export const accept = decide('accepted')
export const reject = decide('rejected')
export const revise = decide('revised')

export const curate: Run = async (c) => {
  const sources = [...c.args, ...(c.str('id') ? [c.str('id')!] : [])].map((a) => c.ref(a))
  if (sources.length === 0)
    throw new UsageError('curate needs source tickets', 'e.g. tk curate CUS-T-3 CUS-B-7 -title "…"')
  const t = await (await c.service()).curateRequirement({
    sources,
    ...given({
      title: c.str('title'),
      description: c.str('description'),
      acceptance_criteria: c.str('ac'),
    }),
  })
  c.out.data(
    t,
    (x) =>
      `curated ${x.key} from ${sources.map((s) => s.toUpperCase()).join(', ')}\n${oneLine(c.out, x)}`,
  )
}

export const decisionAdd: Run = async (c) => {
  const text = c.str('title') ?? c.args.join(' ')
  if (!text.trim())
    throw new UsageError(
      'what was decided?',
      'e.g. tk decision add "Use SQLite for local mode" -d "why…"',
    )
  const t = await (await c.service()).createTicket({
    project: c.project(),
    type: 'decision',
    title: text,
    // The reference keeps the text as the description too, so a decision reads whole.
    description: c.str('description') ?? text,
  })
  c.out.data(t, (x) => `recorded decision ${x.key}: ${x.title}`)
}

export const decisionList: Run = async (c) => {
  const ts = await (await c.service()).listTickets({
    project: c.project(),
    type: 'decision',
    closed: true,
    limit: 0,
  })
  c.out.data(ts, (xs) =>
    xs.length === 0
      ? 'no decisions'
      : table(
          ['KEY', 'DATE', 'TITLE'],
          xs.map((t) => [t.key, t.created_at.slice(0, 10), t.title]),
          c.out.width,
          2,
        ),
  )
}
