/** The three switches on a ticket, beside its lifecycle. */
export type TicketFlag = 'open' | 'archived' | 'ready'

/**
 * api.md and cli.md: each flag change has a name of its own, the same on every interface
 * (`tk close`, `POST /api/tickets/:ref/close`, …). This table is the only place they are named.
 */
export const FLAG_ACTIONS = {
  close: { flag: 'open', value: false },
  open: { flag: 'open', value: true },
  archive: { flag: 'archived', value: true },
  unarchive: { flag: 'archived', value: false },
  ready: { flag: 'ready', value: true },
  notready: { flag: 'ready', value: false },
} as const satisfies Record<string, { flag: TicketFlag; value: boolean }>

export type FlagAction = keyof typeof FLAG_ACTIONS

export const flagAction = (flag: TicketFlag, value: boolean): FlagAction =>
  (Object.keys(FLAG_ACTIONS) as FlagAction[]).find(
    (a) => FLAG_ACTIONS[a].flag === flag && FLAG_ACTIONS[a].value === value,
  )!

/** Closing and archiving lock the ticket against edits, comments included. */
export const locksTicket = (flag: TicketFlag, value: boolean) =>
  (flag === 'open' && !value) || (flag === 'archived' && value)
