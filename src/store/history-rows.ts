/** @module Appending one history row: every write records one, so it is compiled once. */
import { prepared } from './prepared.ts'

// Built and compiled once (decision 0040).
export const insertHistory = prepared(
  (
    db,
    project_id: number | null,
    ticket_id: number | null,
    ticket_key: string | null,
    event_type: string,
    actor: string,
    payload: string,
    created_at: string,
  ) =>
    db
      .insertInto('history')
      .values({ project_id, ticket_id, ticket_key, event_type, actor, payload, created_at }),
  'insertHistory',
)
