import { Type } from 'typebox'
import { STATE_WORDS } from '../../domain/lifecycle.ts'
import { TICKET_TYPES } from '../../domain/ticket.ts'
import { TICKET_SORTS } from '../../domain/ticket-sort.ts'
import { Closed, Int, Long, Short } from './common.ts'

const TicketType = Type.Union(TICKET_TYPES.map((t) => Type.Literal(t)))
// domain.md "Lifecycle": `complete` (and the other aliases) name a state on every interface.
const StateName = Type.Union(STATE_WORDS.map((s) => Type.Literal(s)))

export const NewTicketBody = Closed({
  project: Type.Optional(Short('project prefix or id')),
  project_id: Type.Optional(Type.Union([Int(), Short()], { description: 'alias of project' })),
  title: Short(),
  type: Type.Optional(TicketType),
  description: Type.Optional(Long()),
  acceptance_criteria: Type.Optional(Long()),
  git_repository: Type.Optional(Short()),
  git_branch: Type.Optional(Short()),
  priority: Type.Optional(Int('1 (highest) to 9')),
  parent: Type.Optional(Short('key of the parent ticket')),
  parent_id: Type.Optional(Short('alias of parent')),
  assignee: Type.Optional(Short()),
  estimate_effort: Type.Optional(Int()),
  estimate_complete: Type.Optional(Short('YYYY-MM-DD or RFC 3339')),
})

export const TicketPatchBody = Closed({
  title: Type.Optional(Short()),
  description: Type.Optional(Long()),
  acceptance_criteria: Type.Optional(Long()),
  git_repository: Type.Optional(Short()),
  git_branch: Type.Optional(Short()),
  priority: Type.Optional(Int()),
  sort_order: Type.Optional(Int()),
  order: Type.Optional(Int("the reference's name for sort_order")),
  estimate_effort: Type.Optional(Int()),
  estimate_complete: Type.Optional(Type.Union([Short(), Type.Null()])),
  stage: Type.Optional(Short()),
  state: Type.Optional(StateName),
  status: Type.Optional(Short("stage/state, e.g. develop/active: the reference's form")),
  assignee: Type.Optional(
    Type.Union([Short(), Type.Null()], { description: 'username; null or "" unassigns' }),
  ),
  parent: Type.Optional(
    Type.Union([Short(), Type.Null()], { description: 'parent key; null or "" detaches' }),
  ),
  parent_id: Type.Optional(Type.Union([Short(), Type.Null()], { description: 'alias of parent' })),
  // The reference's PUT sends its whole create body back; these must match the ticket.
  project_id: Type.Optional(
    Type.Union([Int(), Short()], { description: "the ticket's own project (it cannot move)" }),
  ),
  type: Type.Optional(
    Type.Union(
      TICKET_TYPES.map((t) => Type.Literal(t)),
      { description: "the ticket's own type (it cannot change)" },
    ),
  ),
  message: Type.Optional(Long('also add this comment, after the change')),
})

const Bool = Type.Boolean()

/** The filters the list and the graph share. */
const TICKET_FILTERS = {
  type: Type.Optional(TicketType),
  stage: Type.Optional(Short()),
  state: Type.Optional(StateName),
  status: Type.Optional(Short('stage/state, e.g. develop/active')),
  assignee: Type.Optional(Short()),
  label: Type.Optional(Short()),
}

export const TicketListQuery = Closed({
  project: Type.Optional(Short()),
  ...TICKET_FILTERS,
  parent: Type.Optional(Short()),
  q: Type.Optional(Short('words to search for')),
  include_closed: Type.Optional(Bool),
  include_archived: Type.Optional(Bool),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e9 })),
  after: Type.Optional(
    Short(
      'keyset paging: the key of the last ticket of the previous page; the list goes on after it (page 1,000 costs what page 1 does, unlike offset)',
    ),
  ),
  total: Type.Optional(
    Type.Boolean({ description: 'also count every match into the X-Total-Count header' }),
  ),
  sort: Type.Optional(
    Type.Union(
      TICKET_SORTS.map((s) => Type.Literal(s)),
      {
        description:
          'the order, each served by an index (keyset pages with after= cost the same at any depth); newest change first when absent; a search keeps best match first',
      },
    ),
  ),
  order: Type.Optional(
    Type.Union([Type.Literal('asc'), Type.Literal('desc')], {
      description: 'with sort: ascending (the default) or descending',
    }),
  ),
})

export const StateBody = Closed({
  state: StateName,
  force: Type.Optional(Bool),
  final: Type.Optional(Bool),
})
export const StageBody = Closed({ stage: Short() })
export const ParentBody = Closed({ parent: Short() })
export const AssignBody = Closed({ assignee: Short() })
export const CommentBody = Closed({
  text: Type.Optional(Long('required, as text or comment')),
  comment: Type.Optional(Long("the reference's name for text")),
})
export const DependencyBody = Closed({ depends_on: Short() })
export const DependencyParams = Closed({ ref: Short(), on: Short() })
/** The reference's form of a dependency: the pair, with the project the ticket belongs to. */
export const DependencyPair = Closed({
  project_id: Type.Optional(
    Type.Union([Int(), Short()], {
      description: "the reference's project field: when sent, the ticket must be in it",
    }),
  ),
  ticket_id: Short(),
  depends_on: Short(),
})
export const ClaimBody = Closed({
  ticket: Type.Optional(Short()),
  ticket_id: Type.Optional(Short('alias of ticket')),
  ticket_ref: Type.Optional(Short("alias of ticket (the reference's other name)")),
  project: Type.Optional(Short()),
  project_id: Type.Optional(
    Type.Union([Int(), Short()], {
      description: "the reference's name for project; 0 means none",
    }),
  ),
  dry_run: Type.Optional(Bool),
})
export const HistoryListQuery = Closed({
  project: Type.Optional(Short()),
  ticket: Type.Optional(Short()),
  actor: Type.Optional(Short()),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
})

export const LimitQuery = Closed({
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: '0 = all' })),
})

export const TicketGetQuery = Closed({
  brief: Type.Optional(
    Type.Boolean({ description: 'leave out comments and history (the short form for agents)' }),
  ),
})

/** The graph view's query: the list's filters on open tickets, and how many to show. */
export const TicketGraphQuery = Closed({
  ...TICKET_FILTERS,
  parent: Type.Optional(Short('only the children of this ticket (a node expanded)')),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, description: 'at most this many (300 by default)' }),
  ),
})
