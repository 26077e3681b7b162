import type { Ticket } from '../../domain/ticket.ts'

export type PageLoader = (offset: number, limit: number) => Promise<Ticket[]>

/**
 * A list of tickets loaded page by page in the background, so a view can draw the first
 * screen at once and move its cursor over what has arrived without waiting on I/O. Pages
 * keep coming until one is short; each arrival notifies the subscribers.
 */
export class TicketPages {
  readonly #load: PageLoader
  readonly #pageSize: number
  readonly #rows: Ticket[] = []
  // Where each key is, so a view finds its selected ticket without a scan on every key.
  readonly #index = new Map<string, number>()
  readonly #listeners = new Set<() => void>()
  // Rows the loader has returned, repeats included: where the next page starts.
  #fetched = 0
  #complete = false
  #stopped = false
  #error: unknown
  #started = false

  constructor(load: PageLoader, pageSize = 200) {
    this.#load = load
    this.#pageSize = pageSize
  }

  /**
   * The rows of `previous` with the error that stopped their reload: what a view shows when
   * the server is gone, rather than an empty list.
   */
  static stale(previous: TicketPages, error: unknown): TicketPages {
    const pages = new TicketPages(previous.#load, previous.#pageSize)
    pages.#rows.push(...previous.#rows)
    for (const [k, i] of previous.#index) pages.#index.set(k, i)
    pages.#fetched = previous.#fetched
    pages.#complete = previous.#complete
    pages.#error = error
    return pages
  }

  /** Rows loaded so far. */
  get length(): number {
    return this.#rows.length
  }

  /** True once the last page has arrived. */
  get complete(): boolean {
    return this.#complete
  }

  /** True once the first page has arrived (or failed). */
  get ready(): boolean {
    return this.#complete || this.#rows.length > 0 || this.#error !== undefined
  }

  get error(): unknown {
    return this.#error
  }

  at(index: number): Ticket | undefined {
    return this.#rows[index]
  }

  /** The row of the ticket `key`, or -1 when it has not arrived (or is not in this list). */
  indexOf(key: string): number {
    return this.#index.get(key) ?? -1
  }

  /** The rows from `start` up to (not including) `end`: what one screen shows. */
  slice(start: number, end: number): Ticket[] {
    return this.#rows.slice(start, end)
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Starts loading (once); later calls do nothing. */
  start(): this {
    if (this.#started) return this
    this.#started = true
    void this.#run()
    return this
  }

  /** Stops loading further pages; what arrived stays readable. */
  stop(): void {
    this.#stopped = true
  }

  async #run(): Promise<void> {
    while (!this.#stopped && !this.#complete) {
      let page: Ticket[]
      try {
        page = await this.#load(this.#fetched, this.#pageSize)
      } catch (e) {
        this.#error = e
        this.#notify()
        return
      }
      if (this.#stopped) return
      this.#fetched += page.length
      for (const t of page) {
        // Offset paging repeats a ticket that moved down a page between two loads. It is shown
        // once: views key their rows by ticket key, and two rows with one key let React
        // draw one ticket's row where another's belongs.
        if (this.#index.has(t.key)) continue
        this.#index.set(t.key, this.#rows.length)
        this.#rows.push(t)
      }
      if (page.length < this.#pageSize) this.#complete = true
      this.#notify()
      // Yield to the event loop between pages so key presses are handled in between.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  #notify(): void {
    for (const l of this.#listeners) l()
  }
}
