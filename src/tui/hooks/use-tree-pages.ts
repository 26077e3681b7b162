import { useEffect, useReducer, useRef, useState } from 'react'
import { type TreePageLoader, TreePages } from '../data/tree-pages.ts'
import { ROOTS } from '../tree-rows.ts'

/**
 * The hierarchy of the query named `key` (the project), read as far as it is asked for. When
 * `generation` changes (a change here or a colleague's), the levels that were read are read
 * again to the same length, and the old ones stay on screen until the new ones arrive.
 */
export function useTreePages(key: string, generation: number, load: TreePageLoader): TreePages {
  const [shown, setShown] = useState(() => ({ pages: new TreePages(load), key: '' }))
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const latest = useRef(shown)
  latest.current = shown
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is rebuilt on every render; `key` names the query it runs.
  useEffect(() => {
    const previous = latest.current
    const next = new TreePages(load)
    const stop = next.subscribe(() => {
      setShown((s) => (s.pages === next ? s : { pages: next, key }))
      redraw()
    })
    if (previous.key === key) void next.reloadFrom(previous.pages)
    else {
      setShown({ pages: next, key })
      next.open(ROOTS)
    }
    return () => {
      stop()
      next.stop()
    }
  }, [key, generation])
  return shown.pages
}
