import { createContext, useContext } from 'react'

/**
 * Opens the shell's new-ticket dialog for the current project, so a page's own call to action
 * (an empty board's) opens the same dialog as the top bar; null where the user may not create.
 */
export const NewTicketAction = createContext<(() => void) | null>(null)

export const useNewTicket = () => useContext(NewTicketAction)
