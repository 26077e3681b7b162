import { useEffect, useRef } from 'react'
import type { MouseEvent, MouseSource } from '../mouse.ts'

/** Calls the latest `handler` for each mouse event from `source` (none when there is no source). */
export function useMouse(source: MouseSource | undefined, handler: (e: MouseEvent) => void): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => {
    if (!source) return
    const listener = (e: MouseEvent) => latest.current(e)
    source.on('mouse', listener)
    return () => {
      source.off('mouse', listener)
    }
  }, [source])
}
