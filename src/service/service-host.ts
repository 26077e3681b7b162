/** @module The server's side of the service layer: one store, a service per caller, sessions. */
import { sql } from 'kysely'
import {
  type AgentSettings,
  type AskLlm,
  type ChatSettings,
  DEFAULT_AGENT_SETTINGS,
} from '../domain/agent.ts'
import { TicketError } from '../domain/errors.ts'
import type { EventSink, TicketEvent } from '../domain/events.ts'
import type { User } from '../domain/user.ts'
import { SCHEMA_VERSION } from '../store/migrations/index.ts'
import { countHit, currentHits, type WindowHits } from '../store/rate-limits.ts'
import type { GroupedCreates, PoolUse, Store } from '../store/store.ts'
import { findTicketRowByKey, toTickets } from '../store/tickets.ts'
import * as accounts from './local/accounts.ts'
import { AgentAuthenticator } from './local/agent-auth.ts'
import { readChatSettings } from './local/chat-settings.ts'
import { type ReapResult, reap, reaperCtx } from './local/reaper.ts'
import { ticketWithRecordsInOne } from './local/ticket-in-one.ts'
import { LocalService } from './local-service.ts'
import type { NewAccount, Session, TicketService, TicketWithRecords } from './ticket-service.ts'

/** Who may read a project's events: everyone signed in (public) or its members (and admins). */
export type Audience = { readonly public: boolean; readonly members: ReadonlySet<string> }

export type ServiceHostOptions = {
  readonly store: Store
  readonly now?: () => Date
  /** Lease and reaper timings (tests shorten them). */
  readonly agents?: AgentSettings
  /** The LLM behind analyse; analyse answers 503 without one. */
  readonly llm?: AskLlm
}

export class ServiceHost {
  readonly #store: Store
  readonly #now: () => Date
  readonly #listeners = new Map<EventSink, () => boolean>()
  // The last audience seen per project, so a project's deletion still reaches only its readers.
  readonly #audiences = new Map<string, Audience>()
  readonly #agents: AgentSettings
  readonly #llm: AskLlm | undefined
  readonly #agentAuth: AgentAuthenticator
  #reaper: NodeJS.Timeout | undefined
  // Tells this process's own broadcasts apart from other servers'.
  readonly #origin = crypto.randomUUID()
  readonly #unlisten: Promise<(() => Promise<void>) | undefined>

  constructor(options: ServiceHostOptions) {
    this.#store = options.store
    this.#now = options.now ?? (() => new Date())
    this.#agents = options.agents ?? DEFAULT_AGENT_SETTINGS
    this.#llm = options.llm
    this.#agentAuth = new AgentAuthenticator(options.store)
    // Servers sharing one database hear each other's changes (PostgreSQL's LISTEN/NOTIFY).
    this.#unlisten = options.store.broadcast
      ? options.store.broadcast.listen((m) => void this.#receive(m)).catch(() => undefined)
      : Promise.resolve(undefined)
  }

  get location() {
    return this.#store.location
  }

  /** The `TicketService` acting as `actor`; every change it makes is published to listeners. */
  forActor(actor: User): TicketService {
    // Building an event reads the ticket again; skip that while nobody is listening.
    // Other servers' listeners may be waiting for it.
    const listening =
      this.#store.broadcast !== undefined ||
      [...this.#listeners.values()].some((active) => active())
    return new LocalService({
      store: this.#store,
      actor,
      now: this.#now,
      ...(listening ? { emit: this.#publish } : {}),
      ownsStore: false,
      agents: this.#agents,
      ...(this.#llm ? { llm: this.#llm } : {}),
    })
  }

  /** The agent a Basic-auth UUID and password belong to; 401/403 otherwise. */
  authenticateAgent(
    id: string,
    password: string,
    beforeHashing?: () => Promise<void>,
  ): Promise<User> {
    return this.#agentAuth.authenticate(id, password, beforeHashing)
  }

  /** Whether chat is on, and its limits (shown by `/api/status`). */
  chatSettings(): Promise<ChatSettings> {
    return this.#store.read(readChatSettings)
  }

  /** One pass of the reaper: silent agents go `offline`, lapsed leases return their tickets. */
  reapAgents(): Promise<ReapResult> {
    return reap(
      reaperCtx({ store: this.#store, now: this.#now, emit: this.#publish, agents: this.#agents }),
    )
  }

  /**
   * Runs the reaper every `reapEveryMs` until `close()`; `onReap` hears about passes that
   * changed something, `onError` about failed ones.
   */
  startReaper(onError: (e: unknown) => void, onReap?: (r: ReapResult) => void): void {
    this.#reaper ??= setInterval(() => {
      this.reapAgents().then((r) => {
        if (r.offline.length + r.requeued.length > 0) onReap?.(r)
      }, onError)
    }, this.#agents.reapEveryMs)
    this.#reaper.unref()
  }

  authenticate(token: string): Promise<User | null> {
    return accounts.authenticate(this.#store, token, this.#now())
  }

  /**
   * Runs the read `fn` as the user `token` signs in, the session read in the same snapshot as
   * `fn`'s own reads: one read transaction where `authenticate` and then `fn` take two (on
   * SQLite each costs the file's read lock, decision 0044). `fn` must only read. Null when the
   * token is no session (unknown, expired).
   */
  async readAs<T>(
    token: string,
    fn: (service: TicketService) => Promise<T>,
  ): Promise<{ readonly user: User; readonly value: T } | null> {
    const now = this.#now()
    const found = await this.#store.read(async (db) => {
      const user = await accounts.sessionUserIn(db, token, now)
      return user ? { user, value: await fn(this.forActor(user)) } : user
    })
    if (found !== undefined) return found
    // The session must be ended or extended first: a write, outside the read.
    const user = await this.authenticate(token)
    return user ? { user, value: await fn(this.forActor(user)) } : null
  }

  /**
   * `readAs(token, (s) => s.getTicketWithRecords(ref))`, as one statement where the store
   * can read several queries in one (PostgreSQL: one round trip instead of eight, decision 0050).
   */
  async ticketWithRecordsAs(
    token: string,
    ref: string,
  ): Promise<{ readonly user: User; readonly value: TicketWithRecords } | null> {
    const one = await ticketWithRecordsInOne(this.#store, token, ref, this.#now())
    return one !== undefined ? one : this.readAs(token, (s) => s.getTicketWithRecords(ref))
  }
  login(username: string, password: string): Promise<Session> {
    return accounts.login(this.#store, username, password, this.#now())
  }
  register(input: NewAccount): Promise<User> {
    return accounts.register(this.#store, input, this.#now())
  }
  logout(token: string): Promise<void> {
    return accounts.logout(this.#store, token)
  }
  registrationEnabled(): Promise<boolean> {
    return this.#store.read(accounts.isRegistrationEnabled)
  }

  /**
   * Counts a hit on `key` (a client address) in the current window of `windowMs`, in the
   * database, so every server of one database shares the count.
   */
  countHit(key: string, windowMs: number): Promise<WindowHits> {
    return this.#store.transaction((db) => countHit(db, key, this.#now().getTime(), windowMs))
  }

  /** The hits on `key` in its current window of `windowMs`, as every server counted them. */
  hitsSoFar(key: string, windowMs: number): Promise<WindowHits> {
    return this.#store.readOne((db) => currentHits(db, key, this.#now().getTime(), windowMs))
  }

  /** The database connections this process holds, where it keeps a pool (PostgreSQL). */
  poolUse(): PoolUse | undefined {
    return this.#store.poolUse?.()
  }

  /** Plain creates written together, where the store groups them (PostgreSQL). */
  groupedCreates(): GroupedCreates | undefined {
    return this.#store.groupedCreates?.()
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await this.#store.read((db) => sql`select 1`.execute(db))
  }

  /**
   * The schema version when the database answers and is migrated to the version this build
   * knows (a server of an older build, still behind a load balancer after an upgrade, is not
   * ready); throws otherwise.
   */
  async readiness(): Promise<number> {
    const version = await this.#store.schemaVersion()
    if (version !== SCHEMA_VERSION)
      throw new TicketError(
        'unavailable',
        `the database has schema version ${version}; this server needs ${SCHEMA_VERSION}`,
        { hint: 'run every server on the same version of tk' },
      )
    return version
  }

  /**
   * Listens to every change made while `active()` says someone is there to hear it; returns
   * the function that stops listening.
   */
  subscribe(listener: EventSink, active: () => boolean = () => true): () => void {
    this.#listeners.set(listener, active)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Who may read events of project `prefix` (api.md "Live events"): everyone signed in when
   * it is public, else its members, direct or through a linked team or any team below one.
   * After its deletion, whoever could read it before.
   */
  async audience(prefix: string): Promise<Audience | null> {
    const found = await this.#store.read(async (db) => {
      const project = await db
        .selectFrom('projects')
        .select(['id', 'visibility'])
        .where('prefix', '=', prefix)
        .executeTakeFirst()
      if (!project) return undefined
      const direct = await db
        .selectFrom('project_members')
        .select('user_id')
        .where('project_id', '=', project.id)
        .execute()
      const viaTeams = await db
        .withRecursive('down(id)', (qb) =>
          qb
            .selectFrom('project_teams')
            .select('team_id as id')
            .where('project_id', '=', project.id)
            .union((q) =>
              q.selectFrom('teams as t').innerJoin('down', 'down.id', 't.parent_id').select('t.id'),
            ),
        )
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', 'in', (q) => q.selectFrom('down').select('id'))
        .execute()
      return {
        public: project.visibility === 'public',
        members: new Set([...direct, ...viaTeams].map((r) => r.user_id)),
      }
    })
    if (!found) return this.#audiences.get(prefix) ?? null
    this.#audiences.set(prefix, found)
    return found
  }

  /** Remembers who may read every project, so a deletion reaches them even after a restart. */
  async primeAudiences(): Promise<void> {
    const prefixes = await this.#store.read((db) =>
      db.selectFrom('projects').select('prefix').execute(),
    )
    for (const { prefix } of prefixes) await this.audience(prefix)
  }

  #publish = (event: TicketEvent) => {
    this.#deliver(event)
    const broadcast = this.#store.broadcast
    if (!broadcast) return
    let message = JSON.stringify({ origin: this.#origin, event })
    // A ticket too long for one message goes without its body; receivers read it themselves.
    if (Buffer.byteLength(message) > broadcast.maxBytes && 'ticket' in event) {
      const { ticket: _, ...bare } = event
      message = JSON.stringify({ origin: this.#origin, event: bare })
    }
    broadcast.send(message).catch(() => {})
  }

  #deliver(event: TicketEvent) {
    for (const l of this.#listeners.keys()) l(event)
  }

  async #receive(message: string) {
    const { origin, event } = JSON.parse(message) as { origin: string; event: TicketEvent }
    if (origin === this.#origin) return
    if ((event.type === 'ticket.created' || event.type === 'ticket.updated') && !event.ticket) {
      const ticket = await this.#store
        .read(async (db) => {
          const row = await findTicketRowByKey(db, event.key)
          return row ? (await toTickets(db, [row]))[0] : undefined
        })
        .catch(() => undefined)
      if (!ticket) return
      this.#deliver({ ...event, ticket })
      return
    }
    this.#deliver(event)
  }

  async close(): Promise<void> {
    clearInterval(this.#reaper)
    this.#listeners.clear()
    await (await this.#unlisten)?.().catch(() => {})
    return this.#store.close()
  }
}
