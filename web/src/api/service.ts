/** @module The one TicketService the web app talks through: HttpService over the page's origin. */
import { HttpService } from '../../../src/client/http-service.ts'
import { cursorFetch } from './change-cursor.ts'

// The session travels in the HttpOnly `ticket_token` cookie, so no token is kept in script reach.
export const service = new HttpService({ url: window.location.origin, fetch: cursorFetch })
