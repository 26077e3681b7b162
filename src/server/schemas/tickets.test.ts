import type { Static } from 'typebox'
import { describe, expectTypeOf, it } from 'vitest'
import type { NewTicket, TicketFilter, TicketPatch } from '../../service/ticket-service.ts'
import type { NewTicketBody, TicketListQuery, TicketPatchBody } from './tickets.ts'

/*
 * The request schemas and the service's input types name the same fields, checked by the type
 * checker (`npm run typecheck`): a field added to one and not the other fails here, so a new
 * ticket field is named in the service type and the compiler points to the schema.
 */
type Without<T, K extends PropertyKey> = Omit<T, K & keyof T>

describe('ticket request schemas', () => {
  it('name the fields of NewTicket, besides the reference aliases', () => {
    type Body = Without<Static<typeof NewTicketBody>, 'project_id' | 'parent_id'>
    expectTypeOf<keyof Body>().toEqualTypeOf<keyof NewTicket>()
    expectTypeOf<Body>().toExtend<Partial<NewTicket>>()
  })

  it('name the fields of TicketPatch, besides the reference aliases and its PUT body', () => {
    // `project_id` and `type` are checked against the ticket, `message` becomes a comment.
    type Reference = 'order' | 'parent_id' | 'project_id' | 'type' | 'message'
    type Body = Without<Static<typeof TicketPatchBody>, Reference>
    expectTypeOf<keyof Body>().toEqualTypeOf<keyof TicketPatch>()
    expectTypeOf<Body>().toExtend<TicketPatch>()
  })

  it('take every TicketFilter field as a query parameter', () => {
    type Query = Static<typeof TicketListQuery>
    type Named = 'closed' | 'archived'
    expectTypeOf<Exclude<keyof TicketFilter, Named>>().toExtend<keyof Query>()
    expectTypeOf<Pick<Query, 'type' | 'stage' | 'state' | 'status'>>().toExtend<TicketFilter>()
  })
})
