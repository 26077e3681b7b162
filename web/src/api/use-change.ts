import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query'

type ChangeOptions = {
  /** Runs when the change succeeded, before the refetch. */
  readonly onSuccess?: () => void
  /** Refetch after a failure too, to take back what was shown ahead of the server. */
  readonly refetchOnError?: boolean
}

/** Runs whatever change it is given, then refetches `queryKey` so the page shows the outcome. */
export function useChange(queryKey: QueryKey, options: ChangeOptions = {}) {
  const qc = useQueryClient()
  const refetch = () => qc.invalidateQueries({ queryKey })
  return useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => {
      options.onSuccess?.()
      return options.refetchOnError ? undefined : refetch()
    },
    onSettled: () => (options.refetchOnError ? refetch() : undefined),
  })
}
