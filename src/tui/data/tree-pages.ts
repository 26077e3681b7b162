import type { TreePage, TreePageInput } from '../../service/ticket-service.ts'
import { ROOTS, type TreeLevel, type TreeLevels } from '../tree-rows.ts'

export type TreePageLoader = (input: Omit<TreePageInput, 'project'>) => Promise<TreePage>

/** What a hierarchy page holds by default (the service's own default). */
export const TREE_PAGE = 200
/** The most one page may hold (the service refuses more). */
const MAX_PAGE = 1000

/**
 * The hierarchy as far as it has been asked for: the first page of top-level tickets, and a
 * ticket's children once it is opened; `more` reads a level's next page after its last ticket.
 * Nothing is read that is not asked for, so a project of any size costs what is shown.
 */
export class TreePages {
  readonly #load: TreePageLoader
  readonly #pageSize: number
  #levels = new Map<string, TreeLevel>()
  readonly #listeners = new Set<() => void>()
  #error: unknown
  #stopped = false

  constructor(load: TreePageLoader, pageSize = TREE_PAGE) {
    this.#load = load
    this.#pageSize = pageSize
  }

  get levels(): TreeLevels {
    return this.#levels
  }

  get pageSize(): number {
    return this.#pageSize
  }

  /** True once the top level's first page has arrived (or failed). */
  get ready(): boolean {
    const roots = this.#levels.get(ROOTS)
    return this.#error !== undefined || (roots !== undefined && !roots.loading)
  }

  get error(): unknown {
    return this.#error
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Reads the first page of `parent`'s level (`ROOTS` for the top) unless it was asked for. */
  open(parent: string): void {
    if (this.#levels.has(parent)) return
    this.#set(parent, { tickets: [], total: 0, children: {}, loading: true })
    void this.#page(parent, undefined, this.#pageSize, (page) => page)
  }

  /** Reads the next page of `parent`'s level, after its last loaded ticket. */
  more(parent: string): void {
    const level = this.#levels.get(parent)
    if (!level || level.loading || level.tickets.length >= level.total) return
    this.#set(parent, { ...level, loading: true })
    void this.#page(parent, level.tickets.at(-1)?.key, this.#pageSize, (page, now) => ({
      tickets: [...now.tickets, ...page.tickets],
      total: page.total,
      children: { ...now.children, ...page.children },
    }))
  }

  /**
   * The same levels read again as far as they had been read (after a change): each level's
   * first pages up to the number it held, so what was on screen stays on screen. The old
   * levels show until the new ones have arrived.
   */
  async reloadFrom(previous: TreePages): Promise<void> {
    const wanted = [...previous.#levels].map(([parent, l]) => [parent, l.tickets.length] as const)
    const settled = await Promise.allSettled(
      wanted.map(async ([parent, count]) => [parent, await this.#readUpTo(parent, count)] as const),
    )
    if (this.#stopped) return
    const fresh = new Map<string, TreeLevel>()
    for (const [i, s] of settled.entries()) {
      if (s.status === 'fulfilled') fresh.set(s.value[0], s.value[1])
      // A level that can no longer be read (its ticket deleted) is left out; the top level's
      // failure is the view's.
      else if (wanted[i]?.[0] === ROOTS) this.#error = s.reason
    }
    this.#levels = fresh
    if (!fresh.has(ROOTS) && this.#error === undefined) this.open(ROOTS)
    this.#notify()
  }

  /** `parent`'s level from its start, page after page, until it holds `count` (or all). */
  async #readUpTo(parent: string, count: number): Promise<TreeLevel> {
    let level: TreeLevel = { tickets: [], total: 0, children: {}, loading: false }
    for (;;) {
      const after = level.tickets.at(-1)?.key
      const limit = Math.min(MAX_PAGE, Math.max(this.#pageSize, count - level.tickets.length))
      const page = await this.#load({
        ...(parent === ROOTS ? {} : { parent }),
        ...(after === undefined ? {} : { after }),
        limit,
      })
      level = {
        tickets: [...level.tickets, ...page.tickets],
        total: page.total,
        children: { ...level.children, ...page.children },
        loading: false,
      }
      if (page.tickets.length < limit || level.tickets.length >= count || this.#stopped)
        return level
    }
  }

  /** Stops taking answers: a newer `TreePages` has replaced this one. */
  stop(): void {
    this.#stopped = true
  }

  async #page(
    parent: string,
    after: string | undefined,
    limit: number,
    merge: (page: TreePage, now: TreeLevel) => Omit<TreeLevel, 'loading'>,
  ): Promise<void> {
    try {
      const page = await this.#load({
        ...(parent === ROOTS ? {} : { parent }),
        ...(after === undefined ? {} : { after }),
        limit,
      })
      if (this.#stopped) return
      const now = this.#levels.get(parent)
      if (now === undefined) return
      this.#set(parent, { ...merge(page, now), loading: false })
    } catch (e) {
      if (this.#stopped) return
      const now = this.#levels.get(parent)
      if (parent === ROOTS) this.#error = e
      // A level that failed shows what it had; it is not asked for again until a reload.
      if (now) this.#set(parent, { ...now, loading: false })
    }
    this.#notify()
  }

  #set(parent: string, level: TreeLevel): void {
    // A new map each change, so a view that keeps the levels sees them change.
    this.#levels = new Map(this.#levels).set(parent, level)
  }

  #notify(): void {
    for (const l of this.#listeners) l()
  }
}
