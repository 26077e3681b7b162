import { useEffect, useReducer, useRef, useState } from 'react'
import { type PageLoader, TicketPages, type TotalLoader } from '../data/ticket-pages.ts'

type Shown = { readonly pages: TicketPages; readonly key: string }

/**
 * Pages for the query named `key`, read as the view asks for them (`want`) and reloaded when
 * `generation` changes. A reload of the same query reads as far as the previous pages had
 * been read and keeps them on screen until it has, so the list never flashes empty and the
 * cursor stays on its ticket; it keeps them (with the error) when the reload fails, so a
 * server that went away does not empty the screen. A new query shows its own pages at once.
 */
export function usePages(
  key: string,
  generation: number,
  load: PageLoader,
  count?: TotalLoader,
): TicketPages {
  const [shown, setShown] = useState<Shown>(() => ({ pages: new TicketPages(load), key: '' }))
  const latest = useRef(shown)
  latest.current = shown
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` and `count` are rebuilt on every render; `key` names the query they run.
  useEffect(() => {
    const next = new TicketPages(load, 200, count)
    const previous = latest.current
    const same = previous.key === key
    if (!same) setShown({ pages: next, key })
    // As deep as the view had read, less the half page `want` adds.
    else next.want(Math.max(0, previous.pages.length - 101))
    const stop = next.subscribe(() => {
      if (next.ready)
        setShown((s) =>
          s.pages === next
            ? s
            : next.error !== undefined && next.length === 0 && s.key === key && s.pages.length > 0
              ? { pages: TicketPages.stale(s.pages, next.error), key }
              : s.key !== key ||
                  next.complete ||
                  next.error !== undefined ||
                  next.length >= s.pages.length
                ? { pages: next, key }
                : s,
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
