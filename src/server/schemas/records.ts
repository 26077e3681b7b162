import { Type } from 'typebox'
import { Closed, Int, Long, Short } from './common.ts'

export const NewLabelBody = Closed({
  name: Short(),
  color: Type.Optional(Short('a colour name or #rrggbb')),
})
export const LabelPatchBody = Closed({
  name: Type.Optional(Short()),
  color: Type.Optional(Short()),
})
export const LabelParams = Closed({ project: Short(), label: Short('label name or id') })
export const TicketLabelParams = Closed({ ref: Short(), label: Short('label name or id') })
export const TicketLabelBody = Closed({
  label: Type.Optional(Short('label name or id')),
  label_id: Type.Optional(Type.Union([Int(), Short()], { description: 'alias of label' })),
})
export const ForceQuery = Closed({ force: Type.Optional(Type.Boolean()) })
export const TimeBody = Closed({
  minutes: Int('whole minutes, more than 0'),
  note: Type.Optional(Long()),
})
export const TimeParams = Closed({ id: Type.Integer({ minimum: 1, maximum: 1e12 }) })
export const HealthBody = Closed({ score: Int('0 to 4') })
export const BoardQuery = Closed({
  all: Type.Optional(Type.Boolean()),
  limit: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10_000, description: 'cards per lane, 0 = all' }),
  ),
  offset: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 1e9, description: 'cards to skip per lane' }),
  ),
  stage: Type.Optional(Short('only this lane')),
})
export const CountQuery = Closed({
  project: Type.Optional(Short()),
  project_id: Type.Optional(Short('alias of project')),
})
export const SnapshotBody = Type.Unknown({ description: 'a snapshot made by GET /api/export' })
