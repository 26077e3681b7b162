import type { TicketDetail } from '../../../../src/domain/ticket.ts'

/**
 * Runs a change to the ticket, then shows its outcome (the ticket page's `useChange`);
 * `onDone` follows only a change that succeeded (a form clears itself there, not on refusal).
 */
export type Run = (fn: () => Promise<unknown>, onDone?: () => void) => void

/** What every side panel of the ticket page is given. */
export type TicketPanelProps = {
  readonly ticket: TicketDetail
  readonly editable: boolean
  readonly run: Run
}
