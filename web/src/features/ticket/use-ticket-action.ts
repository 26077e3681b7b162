import { useMutation, useQueryClient } from '@tanstack/react-query'
import { keys } from '../../api/keys.ts'
import { applyTicket } from '../../api/live.ts'

/** Runs one change to a ticket and refreshes what it shows (the detail, lists, the conversation). */
export function useTicketAction(key: string, prefix: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: async (result) => {
      if (result && typeof result === 'object' && 'key' in result && 'project_prefix' in result)
        applyTicket(qc, result as Parameters<typeof applyTicket>[1])
      await Promise.all([
        qc.invalidateQueries({ queryKey: keys.ticket(key) }),
        qc.invalidateQueries({ queryKey: keys.conversation(key) }),
        qc.invalidateQueries({ queryKey: keys.tickets(prefix), refetchType: 'none' }),
      ])
    },
  })
}
