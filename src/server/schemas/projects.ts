import { Type } from 'typebox'
import { Closed, Long, Short } from './common.ts'

const Visibility = Type.Union([Type.Literal('public'), Type.Literal('private')])

export const NewProjectBody = Closed({
  prefix: Type.Optional(
    Short('2 to 5 letters, e.g. CUS; derived from the title when absent, as the original does'),
  ),
  title: Short(),
  description: Type.Optional(Long()),
  acceptance_criteria: Type.Optional(Long()),
  git_repository: Type.Optional(Short()),
  git_branch: Type.Optional(Short()),
  notes: Type.Optional(Long()),
  visibility: Type.Optional(Visibility),
})

export const ProjectPatchBody = Closed({
  title: Type.Optional(Short()),
  description: Type.Optional(Long()),
  acceptance_criteria: Type.Optional(Long()),
  git_repository: Type.Optional(Short()),
  git_branch: Type.Optional(Short()),
  notes: Type.Optional(Long()),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  visibility: Type.Optional(Visibility),
})

export const MemberParams = Closed({ project: Short(), username: Short() })

export const HistoryQuery = Closed({
  actor: Type.Optional(Short()),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
})

export const NextQuery = Closed({
  project: Type.Optional(Short()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
})

export const TreeQuery = Closed({
  project: Type.Optional(Short()),
  ticket: Type.Optional(Short()),
})

/** A page of a project's hierarchy: its top-level tickets, or one ticket's children. */
export const TreePageQuery = Closed({
  parent: Type.Optional(Short('the children of this ticket (a row expanded)')),
  after: Type.Optional(Short("go on after this ticket (the previous page's last)")),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, description: 'at most this many (200 by default)' }),
  ),
})
