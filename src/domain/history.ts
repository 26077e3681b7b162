/** One append-only record of a change (domain.md "Comments, labels, time, history"). */
export type HistoryEvent = {
  readonly id: number
  readonly project_id: number | null
  readonly ticket_id: number | null
  readonly ticket_key: string | null
  readonly event_type: string
  readonly actor: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly created_at: string
}

export type Comment = {
  readonly id: number
  readonly ticket_id: number
  readonly ticket_key: string
  readonly author: string
  readonly text: string
  readonly created_at: string
}

/** A comment or a history event, in time order (`tk conversation show`). */
export type ConversationEntry =
  | ({ readonly kind: 'comment' } & Comment)
  | ({ readonly kind: 'event' } & HistoryEvent)

/** The old and new value of one changed field, as `ticket_updated` records it. */
export type FieldChange = { readonly old: unknown; readonly new: unknown }
