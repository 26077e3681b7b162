import { useRef } from 'react'
import { scrollTop } from '../cursor.ts'

/** The first visible row for a cursor in a window of `height` rows, kept between renders. */
export function useScroll(cursor: number, height: number): number {
  const top = useRef(0)
  top.current = scrollTop(top.current, cursor, height)
  return top.current
}
