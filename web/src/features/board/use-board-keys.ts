import { type KeyboardEvent, type RefObject, useLayoutEffect, useRef } from 'react'
import { useLocation } from 'wouter'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { useShortcuts } from '../../components/use-shortcuts.ts'
import type { LaneScrollers } from './board-lane.tsx'
import type { useBoardMoves } from './use-board-moves.ts'

/**
 * The board's keys (ui.md; the reference's board keys): arrows and j/k move focus between
 * cards, Shift+←/→ moves the focused card a stage, Shift+↑/↓ moves it within its lane (among
 * cards of its priority; the server keeps the order), e opens it, d archives it (focus moves on
 * to the next card), u undoes from anywhere on the board.
 * Returns the handler for the board element.
 */
/** Focuses a card once its lane has rendered it (a few frames after scrolling to it). */
function focusWhenShown(board: HTMLElement | null, key: string, frames = 10) {
  const el = board?.querySelector<HTMLElement>(`[data-card="${key}"]`)
  if (el) el.focus()
  else if (frames > 0) requestAnimationFrame(() => focusWhenShown(board, key, frames - 1))
}

export function useBoardKeys(input: {
  board: RefObject<HTMLDivElement | null>
  lanes: readonly string[]
  byLane: ReadonlyMap<string, readonly Ticket[]>
  find: (key: string) => Ticket | undefined
  editable: boolean
  moves: ReturnType<typeof useBoardMoves>
  scrollers: LaneScrollers
}) {
  const { board, lanes, byLane, find, editable, moves, scrollers } = input
  const [, navigate] = useLocation()
  // After a keyboard move the card re-renders in its new lane; focus follows it there.
  const refocus = useRef<{ key: string; stage: string } | null>(null)

  useLayoutEffect(() => {
    const r = refocus.current
    if (!r) return
    const el = board.current?.querySelector<HTMLElement>(
      `section[data-stage="${r.stage}"] [data-card="${r.key}"]`,
    )
    if (!el) return
    el.focus()
    refocus.current = null
  })

  // ui.md "Keyboard-first": j/k step through cards; from outside the board they enter it.
  // Undo needs no focused card: the last action is the board's, wherever focus went.
  useShortcuts({
    j: () => board.current?.querySelector<HTMLElement>('[data-card]')?.focus(),
    k: () => board.current?.querySelector<HTMLElement>('[data-card]')?.focus(),
    u: () => {
      if (editable) refocus.current = moves.undo(find)
    },
  })

  return (e: KeyboardEvent<HTMLDivElement>) => {
    const key = (e.target as HTMLElement).dataset.card
    if (!key) return
    const t = find(key)
    if (!t) return
    const lane = lanes.indexOf(t.stage)
    const cards = byLane.get(t.stage) ?? []
    const row = cards.findIndex((c) => c.key === key)
    const focus = (k: string | undefined) => {
      if (!k) return
      e.preventDefault()
      const el = board.current?.querySelector<HTMLElement>(`[data-card="${k}"]`)
      if (el) return el.focus()
      // Lanes render only the cards in view: scroll the card's lane to it, then focus it.
      const target = find(k)
      if (!target) return
      const index = (byLane.get(target.stage) ?? []).findIndex((c) => c.key === k)
      scrollers.get(target.stage)?.(index)
      focusWhenShown(board.current, k)
    }
    const laneAt = (i: number) => byLane.get(lanes[i] ?? '') ?? []
    const nearLane = (dir: number) => {
      for (let i = lane + dir; i >= 0 && i < lanes.length; i += dir) if (laneAt(i).length) return i
      return -1
    }
    if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      const to = lanes[lane + (e.key === 'ArrowLeft' ? -1 : 1)]
      if (to && editable) {
        e.preventDefault()
        refocus.current = { key, stage: to }
        moves.move(t, to)
      }
      return
    }
    if (e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault()
      if (editable && moves.reorder(t, cards, row + (e.key === 'ArrowUp' ? -1 : 1)))
        refocus.current = { key, stage: t.stage }
      return
    }
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        e.preventDefault()
        return focus(cards[row + 1]?.key)
      case 'ArrowUp':
      case 'k':
        e.preventDefault()
        return focus(cards[row - 1]?.key)
      case 'ArrowLeft':
      case 'ArrowRight': {
        const i = nearLane(e.key === 'ArrowLeft' ? -1 : 1)
        const other = laneAt(i)
        return focus(other[Math.min(row, other.length - 1)]?.key)
      }
      case 'e':
        e.preventDefault()
        return navigate(`/t/${key}`)
      case 'd': {
        if (!editable || !window.confirm(`Archive ${key}?`)) return
        // Focus goes on to the next card (else the one before), not back to the page.
        const next = cards[row + 1] ?? cards[row - 1]
        refocus.current = next ? { key: next.key, stage: next.stage } : null
        moves.archive(t)
        return
      }
    }
  }
}
