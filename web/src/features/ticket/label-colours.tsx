import { useQuery } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'

const Colours = createContext<ReadonlyMap<string, string>>(new Map())

/** The project's label colours, read once for every card, row and ticket page beneath. */
export function LabelColours({ prefix, children }: { prefix: string | null; children: ReactNode }) {
  const labels = useQuery({
    queryKey: keys.labels(prefix ?? ''),
    queryFn: () => service.listLabels(prefix ?? ''),
    enabled: prefix !== null,
    staleTime: 5 * 60_000,
  })
  const map = useMemo(
    () =>
      new Map(
        (labels.data ?? []).filter((l) => l.color).map((l) => [l.name.toLowerCase(), l.color]),
      ),
    [labels.data],
  )
  return <Colours.Provider value={map}>{children}</Colours.Provider>
}

/** A label's colour (names compare without regard to case), or undefined when it has none. */
export function useLabelColour(): (name: string) => string | undefined {
  const map = useContext(Colours)
  return (name) => map.get(name.toLowerCase())
}
