/** @module Input shapes taken from the client's own signatures, so the web app never restates them. */
import type { HttpService } from '../../../src/client/http-service.ts'

export type TicketFilter = NonNullable<Parameters<HttpService['listTickets']>[0]>
export type NewProject = Parameters<HttpService['createProject']>[0]
export type ProjectPatch = Parameters<HttpService['updateProject']>[1]
