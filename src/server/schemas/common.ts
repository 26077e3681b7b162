/** @module Building blocks for request schemas: bounded strings and closed objects. */
import { type TProperties, Type } from 'typebox'

// quality.md "Security": every input is bounded; the domain gives the precise limits and words.
export const Short = (description?: string) =>
  Type.String({ maxLength: 1000, ...(description ? { description } : {}) })
export const Long = (description?: string) =>
  Type.String({ maxLength: 200_000, ...(description ? { description } : {}) })
export const Int = (description?: string) =>
  Type.Integer({ minimum: -1e9, maximum: 1e9, ...(description ? { description } : {}) })

/** Unknown fields are refused everywhere, bodies and query strings alike. */
export const Closed = <T extends TProperties>(properties: T, description?: string) =>
  Type.Object(properties, {
    additionalProperties: false,
    ...(description ? { description } : {}),
  })

export const ProjectParams = Closed({ project: Short('project prefix or numeric id') })
export const TicketParams = Closed({ ref: Short('ticket key, e.g. CUS-T-42, or CUS-42') })
export const UserParams = Closed({ username: Short() })

export const Message = Closed({ message: Type.Optional(Long('a comment added with the change')) })
