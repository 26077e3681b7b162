import { useEffect, useReducer, useState } from 'react'
import { type PageLoader, TicketPages } from '../data/ticket-pages.ts'

type Shown = { readonly pages: TicketPages; readonly key: string }

/**
 * Background-loaded pages for the query named `key`, reloaded when `generation` changes.
 * A reload of the same query keeps the previous pages on screen until the new first page
 * arrives, so the list never flashes empty, and keeps them (with the error) when the reload
 * fails, so a server that went away does not empty the screen; a new query shows its own
 * pages at once.
 */
export function usePages(key: string, generation: number, load: PageLoader): TicketPages {
  const [shown, setShown] = useState<Shown>(() => ({ pages: new TicketPages(load), key: '' }))
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is rebuilt on every render; `key` names the query it runs.
  useEffect(() => {
    const next = new TicketPages(load)
    if (shown.key !== key) setShown({ pages: next, key })
    const stop = next.subscribe(() => {
      if (next.ready)
        setShown((s) =>
          s.pages === next
            ? s
            : next.error !== undefined && next.length === 0 && s.key === key && s.pages.length > 0
              ? { pages: TicketPages.stale(s.pages, next.error), key }
              : { pages: next, key },
        )
      redraw()
    })
    next.start()
    return () => {
      stop()
      next.stop()
    }
  }, [key, generation])
  return shown.pages
}
