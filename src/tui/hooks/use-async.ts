import { useEffect, useState } from 'react'

export type AsyncState<T> = {
  readonly data: T | undefined
  readonly error: unknown
  readonly loading: boolean
}

/**
 * Runs `load` when `deps` change and keeps the last result on screen while the next one is
 * on its way; a result that arrives after the deps changed again is dropped.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({
    data: undefined,
    error: undefined,
    loading: true,
  })
  useEffect(() => {
    let current = true
    setState((s) => ({ ...s, loading: true }))
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => current && setState((s) => ({ ...s, error, loading: false })),
    )
    return () => {
      current = false
    }
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on.
  }, deps)
  return state
}
