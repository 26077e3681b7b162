import type { Ticket } from '../../domain/ticket.ts'

/**
 * Where the next page starts: `offset` rows have been read, the last of them `after` (absent
 * before the first page). A loader that can page by key uses `after`, which costs the same at
 * any depth; one that cannot (search) uses `offset`.
 */
export type PageStart = { readonly offset: number; readonly after?: string }

export type PageLoader = (start: PageStart, limit: number) => Promise<Ticket[]>

/** How many a list holds in all, read once with its first page. */
export type TotalLoader = () => Promise<number>

/**
 * A list of tickets read a page at a time as the view reaches its end, so a view draws the
 * first screen at once and what it reads grows with how far the user goes, not with the
 * project. `want(row)` reads the next page when `row` is within half a page of the end; each
 * arrival notifies the subscribers. With a `total` loader the list also knows how many there
 * are in all.
 */
export class TicketPages {
  readonly #load: PageLoader
  readonly #count: TotalLoader | undefined
  readonly #pageSize: number
  readonly #rows: Ticket[] = []
  // Where each key is, so a view finds its selected ticket without a scan on every key.
  readonly #index = new Map<string, number>()
  readonly #listeners = new Set<() => void>()
  // Rows the loader has returned, repeats included: where the next page starts.
  #fetched = 0
  #last: string | undefined
  #total: number | undefined
  #complete = false
  #loading = false
  // Rows the view has come near: pages are read until there are this many.
  #wanted = 1
  #stopped = false
  #error: unknown
  #started = false

  constructor(load: PageLoader, pageSize = 200, count?: TotalLoader) {
    this.#load = load
    this.#pageSize = pageSize
    this.#count = count
  }

  /**
   * The rows of `previous` with the error that stopped their reload: what a view shows when
   * the server is gone, rather than an empty list.
   */
  static stale(previous: TicketPages, error: unknown): TicketPages {
    const pages = new TicketPages(previous.#load, previous.#pageSize, previous.#count)
    pages.#rows.push(...previous.#rows)
    for (const [k, i] of previous.#index) pages.#index.set(k, i)
    pages.#fetched = previous.#fetched
    pages.#last = previous.#last
    pages.#total = previous.#total
    pages.#complete = previous.#complete
    pages.#error = error
    // It reads nothing more: the reload that failed will be tried again on the next change.
    pages.#started = true
    pages.#stopped = true
    return pages
  }

  /** Rows loaded so far. */
  get length(): number {
    return this.#rows.length
  }

  /** How many there are in all: known once every page has arrived, or from the total loader. */
  get total(): number | undefined {
    return this.#complete ? this.#rows.length : this.#total
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

  /** Reads the first page (and the total), once; later calls do nothing. */
  start(): this {
    if (this.#started) return this
    this.#started = true
    void this.#next()
    if (this.#count)
      this.#count().then(
        (n) => {
          if (this.#stopped) return
          this.#total = n
          this.#notify()
        },
        // The total is an extra: the rows still show, counted as they arrive.
        () => undefined,
      )
    return this
  }

  /**
   * The view shows (or its cursor is on) row `row`: the next page is read when that is within
   * half a page of the rows loaded, unless one is on its way or the last has arrived.
   */
  want(row: number): void {
    const wanted = row + 1 + Math.ceil(this.#pageSize / 2)
    if (wanted <= this.#wanted) return
    this.#wanted = wanted
    if (this.#started) void this.#next()
  }

  /** Stops loading further pages; what arrived stays readable. */
  stop(): void {
    this.#stopped = true
  }

  /** Reads pages until the rows reach what the view came near, the last page, or a failure. */
  async #next(): Promise<void> {
    if (this.#loading) return
    this.#loading = true
    try {
      while (
        !this.#stopped &&
        !this.#complete &&
        this.#error === undefined &&
        this.#rows.length < this.#wanted
      ) {
        await this.#page()
        // Key presses are handled between two pages.
        await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      this.#loading = false
    }
  }

  async #page(): Promise<void> {
    let page: Ticket[]
    try {
      const start = {
        offset: this.#fetched,
        ...(this.#last === undefined ? {} : { after: this.#last }),
      }
      page = await this.#load(start, this.#pageSize)
    } catch (e) {
      this.#error = e
      this.#notify()
      return
    }
    if (this.#stopped) return
    this.#fetched += page.length
    this.#last = page.at(-1)?.key ?? this.#last
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
  }

  #notify(): void {
    for (const l of this.#listeners) l()
  }
}
