/** @module The server's side of the service layer: one store, a service per caller, sessions. */
import { sql } from 'kysely'
import type { EventSink, TicketEvent } from '../domain/events.ts'
import type { User } from '../domain/user.ts'
import type { Store } from '../store/store.ts'
import * as accounts from './local/accounts.ts'
import { LocalService } from './local-service.ts'
import type { NewAccount, Session, TicketService } from './ticket-service.ts'

/** Who may read a project's events: everyone signed in (public) or its members (and admins). */
export type Audience = { readonly public: boolean; readonly members: ReadonlySet<string> }

export type ServiceHostOptions = { readonly store: Store; readonly now?: () => Date }

export class ServiceHost {
  readonly #store: Store
  readonly #now: () => Date
  readonly #listeners = new Set<EventSink>()
  // The last audience seen per project, so a project's deletion still reaches only its readers.
  readonly #audiences = new Map<string, Audience>()

  constructor(options: ServiceHostOptions) {
    this.#store = options.store
    this.#now = options.now ?? (() => new Date())
  }

  get location() {
    return this.#store.location
  }

  /** The `TicketService` acting as `actor`; every change it makes is published to listeners. */
  forActor(actor: User): TicketService {
    return new LocalService({
      store: this.#store,
      actor,
      now: this.#now,
      emit: this.#publish,
      ownsStore: false,
    })
  }

  authenticate(token: string): Promise<User | null> {
    return accounts.authenticate(this.#store, token, this.#now())
  }
  login(username: string, password: string): Promise<Session> {
    return accounts.login(this.#store, username, password, this.#now())
  }
  register(input: NewAccount): Promise<User> {
    return accounts.register(this.#store, input, this.#now())
  }
  /** The agent named by HTTP Basic credentials; throws 401 or 403 like login. */
  authenticateAgent(id: string, password: string): Promise<User> {
    return accounts.authenticateAgent(this.#store, id, password)
  }
  touchAgent(agent: User, status?: string): Promise<User> {
    return accounts.touchAgent(this.#store, agent, status, this.#now())
  }
  logout(token: string): Promise<void> {
    return accounts.logout(this.#store, token)
  }
  registrationEnabled(): Promise<boolean> {
    return this.#store.read(accounts.isRegistrationEnabled)
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await this.#store.read((db) => sql`select 1`.execute(db))
  }

  /** Listens to every change; returns the function that stops listening. */
  subscribe(listener: EventSink): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Who may read events of project `prefix`; after its deletion, whoever could before. */
  async audience(prefix: string): Promise<Audience | null> {
    const rows = await this.#store.read((db) =>
      db
        .selectFrom('projects as p')
        .leftJoin('project_members as m', 'm.project_id', 'p.id')
        .select(['p.visibility', 'm.user_id'])
        .where('p.prefix', '=', prefix)
        .execute(),
    )
    if (rows.length === 0) return this.#audiences.get(prefix) ?? null
    const audience: Audience = {
      public: rows[0]!.visibility === 'public',
      members: new Set(rows.flatMap((r) => (r.user_id ? [r.user_id] : []))),
    }
    this.#audiences.set(prefix, audience)
    return audience
  }

  #publish = (event: TicketEvent) => {
    for (const l of this.#listeners) l(event)
  }

  close(): Promise<void> {
    this.#listeners.clear()
    return this.#store.close()
  }
}
