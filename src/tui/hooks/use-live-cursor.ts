import { useRef } from 'react'

/**
 * A cursor that key handlers read and move synchronously. Keys that arrive in one chunk
 * (a fast typist, a paste, tmux send-keys) are handled before React re-renders, so reading
 * the rendered value would act on the row the cursor has already left.
 */
export function useLiveCursor(rendered: number, set: (n: number) => void) {
  const ref = useRef(rendered)
  ref.current = rendered
  return {
    get: () => ref.current,
    set(n: number) {
      ref.current = n
      set(n)
    },
  }
}
