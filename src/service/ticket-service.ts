import type { StageRole } from '../domain/agent.ts'
import type { ClaimStatus, NoWorkCounts } from '../domain/claim.ts'
import type { DatabaseCheck, ProjectDiagnosis, TicketDiagnosis } from '../domain/doctor.ts'
import type { HealthReport } from '../domain/health.ts'
import type { Comment, ConversationEntry, HistoryEvent } from '../domain/history.ts'
import type { Label } from '../domain/label.ts'
import type { StateWord } from '../domain/lifecycle.ts'
import type { Project, ProjectDetail, ProjectStatus, Visibility } from '../domain/project.ts'
import type { ImportResult, Snapshot, SnapshotStream } from '../domain/snapshot.ts'
import type {
  EditableField,
  InputField,
  Ticket,
  TicketDetail,
  TicketType,
} from '../domain/ticket.ts'
import type { TicketFlag } from '../domain/ticket-flags.ts'
import type { SortOrder, TicketSort } from '../domain/ticket-sort.ts'
import type { TimeEntry, TimeTotal } from '../domain/time-entry.ts'
import type { User } from '../domain/user.ts'
import type { Board, BoardInput, Counts, Summary } from '../domain/views.ts'
import type { AgentService } from './agent-service.ts'
import type { OrganisationService } from './organisation-service.ts'
import type { PlanningService } from './planning-service.ts'

/*
 * Ticket references are strings: a key (`CUS-T-42`) or prefix and sequence (`CUS-42`), in any
 * letter case. A bare sequence (`42`) is a user-interface convenience that the caller expands
 * with its active project before calling. Project references are a prefix or a numeric id.
 */

export type NewProject = {
  /** Derived from the title, as the original does, when absent or blank. */
  readonly prefix?: string
  readonly title: string
  readonly description?: string
  readonly acceptance_criteria?: string
  readonly git_repository?: string
  readonly git_branch?: string
  readonly notes?: string
  readonly visibility?: Visibility
}

export type ProjectPatch = Partial<{
  readonly title: string
  readonly description: string
  readonly acceptance_criteria: string
  readonly git_repository: string
  readonly git_branch: string
  readonly notes: string
  readonly status: ProjectStatus
  readonly visibility: Visibility
}>

/** A new ticket: its project, title and type, and any of the domain's `input` fields. */
export type NewTicket = {
  readonly project: string
  readonly title: string
  readonly type?: TicketType
  readonly parent?: string
  readonly assignee?: string
} & Partial<Pick<Ticket, Exclude<InputField, 'title'>>>

/** A change to a ticket: any of the domain's editable fields, and the lifecycle, assignee and parent. */
export type TicketPatch = Partial<
  Pick<Ticket, EditableField> & {
    readonly stage: string
    readonly state: StateWord
    /** `stage/state` in one field (the reference's form); must agree with `stage` and `state`. */
    readonly status: string
    /** A user to assign, or null to unassign: the rules of `assign`/`unassign`. */
    readonly assignee: string | null
    /** A ticket to attach under, or null to detach: the rules of `setParent`/`unsetParent`. */
    readonly parent: string | null
  }
>

export type TicketFilter = {
  /** Prefix or id; all projects the caller may read when absent. */
  readonly project?: string
  readonly type?: TicketType
  readonly stage?: string
  readonly state?: StateWord
  /** `stage/state` in one field; must agree with `stage` and `state`. */
  readonly status?: string
  readonly assignee?: string
  readonly label?: string
  readonly parent?: string
  /** Include closed tickets. */
  readonly closed?: boolean
  /** Include archived tickets (and closed ones). */
  readonly archived?: boolean
  readonly limit?: number
  readonly offset?: number
  /**
   * Keyset paging: the key of the last ticket of the previous page; the list goes on after
   * it in its order, at the cost of the first page whatever the depth.
   */
  readonly after?: string
  /** The order (newest change first when absent); each is served by an index. */
  readonly sort?: TicketSort
  /** Ascending unless `desc`; newest change first is `updated_at` descending. */
  readonly order?: SortOrder
}

/**
 * A bounded page of tickets: how many there are in all, and how many children each shown ticket
 * has (so a view can offer to load them with `parent`).
 */
export type TicketsWithChildCounts = {
  readonly tickets: readonly Ticket[]
  /** Every match, shown or not: more than `tickets.length` when the limit cut. */
  readonly total: number
  /** Children per shown ticket's key (which children count is the view's); absent when none. */
  readonly children: Readonly<Record<string, number>>
}

/**
 * A bounded piece of a project's ticket graph: the first `limit` open tickets the filter
 * matches in key order, with their open, unarchived children counted.
 */
export type TicketGraph = TicketsWithChildCounts

/** A ticket with its latest comments and history, newest first, as the original shows it. */
export type TicketWithRecords = TicketDetail & {
  readonly comments: readonly Comment[]
  readonly history: readonly HistoryEvent[]
}

export type HistoryFilter = {
  readonly ticket?: string
  readonly project?: string
  readonly actor?: string
  readonly limit?: number
}

export type ClaimInput = {
  readonly ticket?: string
  readonly project?: string
  readonly dry_run?: boolean
}

/** The outcome of a claim: which of the four cases happened, and the ticket concerned. */
export type ClaimResult = {
  readonly status: ClaimStatus
  readonly ticket: Ticket | null
  /** Why a claim was REJECTED, or why there is NO-WORK. */
  readonly reason?: string
  /** With NO-WORK: what the queue passed over (domain/claim.ts `NoWorkCounts`). */
  readonly counts?: NoWorkCounts
  /** With a ticket, the context the original's claim answered with (reference/api.md §6.3). */
  readonly project?: Project
  /** Nearest first. */
  readonly parents?: readonly Ticket[]
  readonly workflow?: { readonly stages: readonly string[] }
  readonly role?: StageRole | null
  /** With AVAILABLE (a dry run): the ticket as the claim would leave it; nothing is saved. */
  readonly preview?: Ticket
}

export type TreeNode = { readonly ticket: Ticket; readonly children: readonly TreeNode[] }

/** Which page of a project's hierarchy: its top-level tickets, or one ticket's children. */
export type TreePageInput = {
  readonly project: string
  /** The children of this ticket (open or closed); top-level open tickets when absent. */
  readonly parent?: string
  /** Goes on after this ticket (the previous page's last), in id order. */
  readonly after?: string
  /** At most this many (200 by default, 1 to 1,000). */
  readonly limit?: number
}

/**
 * One page of a project's hierarchy in id order, as `tree` draws it: every top-level ticket (or
 * child of `parent`) in `total`, and the unarchived children, open or closed, of each shown one.
 */
export type TreePage = TicketsWithChildCounts

export type Dependencies = {
  readonly depends_on: readonly Ticket[]
  readonly blocks: readonly Ticket[]
}

export type BlockedTicket = { readonly ticket: Ticket; readonly blocked_by: readonly string[] }

/** A self-registration: always role `user`. */
export type NewAccount = {
  readonly username: string
  readonly password: string
  readonly display_name?: string
  readonly email?: string
}

/** A signed-in session: the bearer token (shown once, stored only as a hash) and its user. */
export type Session = { readonly token: string; readonly user: User; readonly expires_at: string }

/** Who the service acts as, and what the other end allows. */
export type ServiceStatus = {
  readonly mode: 'local' | 'remote'
  readonly authenticated: boolean
  readonly user: User | null
  readonly registration_enabled: boolean
  readonly server_version?: string
}

// ---- labels, time, views, clone, health, doctor, snapshots ----

export type NewLabel = {
  readonly project: string
  readonly name: string
  /** A colour name or `#rrggbb`. */
  readonly color?: string
}

export type LabelPatch = Partial<{ readonly name: string; readonly color: string }>

export type NewTimeEntry = {
  readonly ticket: string
  /** Whole minutes, more than 0. */
  readonly minutes: number
  readonly note?: string
}

// ---- end labels, time, views, clone, health, doctor, snapshots ----

/**
 * Everything a client can do, in local mode (`LocalService`, over SQLite) and remote mode
 * (`HttpService`, over the HTTP API). Inputs and outputs are plain data; failures are thrown
 * as `TicketError` with a stable code, so both implementations fail in the same way.
 */
export interface TicketService extends OrganisationService, PlanningService, AgentService {
  /** The user this service acts as. */
  whoami(): Promise<User>
  status(): Promise<ServiceStatus>
  /** Creates an account with role `user` when registration is enabled; does not sign in. */
  register(input: NewAccount): Promise<User>
  /**
   * Checks the password and opens a session. Remote: the service then acts as that user.
   * Local: the session is created (for the server) but the service keeps its actor.
   */
  login(username: string, password: string): Promise<Session>
  /** Ends the session the service uses (remote); nothing to end locally. */
  logout(): Promise<void>

  /** Admin only: whether anyone may register. */
  setRegistration(enabled: boolean): Promise<boolean>

  createProject(input: NewProject): Promise<Project>
  listProjects(): Promise<Project[]>
  /** With the caller's role on it. */
  getProject(ref: string): Promise<ProjectDetail>
  updateProject(ref: string, patch: ProjectPatch): Promise<Project>
  /** Deletes the project with all its tickets and records. */
  deleteProject(ref: string): Promise<void>

  createTicket(input: NewTicket): Promise<Ticket>
  /** The ticket with its children, dependencies, labels and logged time. */
  getTicket(ref: string): Promise<TicketDetail>
  /**
   * `getTicket` plus its latest 20 comments and history events, newest first, as
   * the original shows a ticket (`tk get`, `GET /api/tickets/:ref`); one read.
   */
  getTicketWithRecords(ref: string): Promise<TicketWithRecords>
  /** Newest change first; closed and archived tickets only when the filter asks for them. */
  listTickets(filter: TicketFilter): Promise<Ticket[]>
  /** How many tickets `listTickets` would find without `limit` and `offset`. */
  countTickets(filter: TicketFilter): Promise<number>
  /**
   * Open tickets of `filter.project` for a graph, at most `filter.limit` (300 by default),
   * with their children's counts: reads what it returns, whatever the project's size.
   */
  ticketGraph(filter: TicketFilter & { readonly project: string }): Promise<TicketGraph>
  /** Full-text search over title, description and acceptance criteria, best match first. */
  searchTickets(words: string, filter: TicketFilter): Promise<Ticket[]>
  /**
   * Every match (`searchTickets` with limit 0; the filter's limit is not read), best first, a
   * page at a time as they are asked for, so a million matches never sit in memory at once.
   */
  searchTicketPages(words: string, filter: TicketFilter): AsyncIterable<Ticket[]>
  /** Changes fields; a stage or state in the patch follows the lifecycle rules. */
  updateTicket(ref: string, patch: TicketPatch): Promise<Ticket>
  /** Refused while the ticket has children. */
  deleteTicket(ref: string): Promise<void>

  /** domain.md "Lifecycle"; `force` completes a ticket whose dependencies are unfinished. */
  setState(
    ref: string,
    state: StateWord,
    /** `final`: success through every remaining stage to done (`tk complete -final`). */
    options?: { force?: boolean; final?: boolean },
  ): Promise<Ticket>
  setStage(ref: string, stage: string): Promise<Ticket>
  /**
   * Opens, closes, archives, unarchives or marks (not) ready. A `message` is added as a comment
   * in the same change: before a close or archive locks the ticket, after the others.
   */
  setFlag(
    ref: string,
    flag: TicketFlag,
    value: boolean,
    options?: { message?: string | undefined },
  ): Promise<Ticket>

  setParent(ref: string, parent: string): Promise<Ticket>
  unsetParent(ref: string): Promise<Ticket>
  /** Open, unarchived tickets without a parent that are not epics. */
  listOrphans(project: string): Promise<Ticket[]>
  /** The hierarchy below `ref`, or every root of the project. */
  tree(input: { ticket?: string; project?: string }): Promise<TreeNode[]>
  /** A page of the hierarchy: what a view shows first, and each ticket's children on request. */
  treePage(input: TreePageInput): Promise<TreePage>

  assign(ref: string, username: string): Promise<Ticket>
  unassign(ref: string): Promise<Ticket>
  /** domain.md "Assignment and claim"; atomic, so two claimants never get the same ticket. */
  claim(input: ClaimInput): Promise<ClaimResult>
  /** Gives up the caller's claim: unassigned, back to idle. */
  unclaim(ref: string): Promise<Ticket>
  /** The tickets `claim` would hand out, in claim order, without claiming. */
  next(input: { project?: string; limit?: number }): Promise<Ticket[]>

  addComment(ref: string, text: string): Promise<Comment>
  /** Oldest first; with `limit` (> 0), only the last `limit` of them. */
  listComments(ref: string, limit?: number): Promise<Comment[]>
  /** Newest first when limited to the last `limit` events, always returned oldest first. */
  listHistory(filter: HistoryFilter): Promise<HistoryEvent[]>
  /** Comments and history of one ticket interleaved by time. */
  conversation(ref: string): Promise<ConversationEntry[]>

  addDependency(ref: string, dependsOn: string): Promise<Dependencies>
  removeDependency(ref: string, dependsOn: string): Promise<Dependencies>
  listDependencies(ref: string): Promise<Dependencies>
  /** Tickets waiting on unfinished dependencies, with what blocks them. */
  listBlocked(project: string): Promise<BlockedTicket[]>

  // ---- labels, time, views, clone, health, doctor, snapshots ----

  /** A label in a project; names are unique there regardless of letter case. */
  createLabel(input: NewLabel): Promise<Label>
  /** The project's labels by name, each with how many tickets carry it. */
  listLabels(project: string): Promise<Label[]>
  /** Renames or recolours a label (name or id); tickets keep it. */
  updateLabel(project: string, label: string, patch: LabelPatch): Promise<Label>
  /**
   * `label` is a name or an id. Refused while tickets carry it (the error names them) unless
   * `force`, which first removes it from those tickets, recording each removal.
   */
  deleteLabel(project: string, label: string, options?: { force?: boolean }): Promise<void>
  /** Puts a label of the ticket's project (name or id) on the ticket; already there is fine. */
  addLabel(ref: string, label: string): Promise<Ticket>
  removeLabel(ref: string, label: string): Promise<Ticket>
  /** The labels on one ticket, by name. */
  ticketLabels(ref: string): Promise<Label[]>

  /** Records minutes worked on a ticket by the acting user. */
  logTime(input: NewTimeEntry): Promise<TimeEntry>
  /** A ticket's time entries, oldest first. */
  listTime(ref: string): Promise<TimeEntry[]>
  timeTotal(ref: string): Promise<TimeTotal>
  /** Deletes one entry; only its author or an admin may. */
  deleteTime(id: number): Promise<void>

  /** Lanes, one per stage of the project's workflow, each with its count and a page of cards. */
  board(input: BoardInput): Promise<Board>
  /** Users, projects and tickets per type and status; one project's when `project` is given. */
  count(input: { project?: string }): Promise<Counts>
  /** Active tickets, recent activity and counts of one project. */
  summary(project: string): Promise<Summary>

  /** Copies a ticket and its whole subtree with new keys; each copy's `clone_of` is its source. */
  cloneTicket(ref: string): Promise<Ticket>
  /** Sets `health_score` (0 to 4) by hand. */
  setHealth(ref: string, score: number): Promise<Ticket>
  /** Scores a ticket by the four health checks and saves the score. */
  checkHealth(ref: string): Promise<HealthReport>
  /** `checkHealth` for every open, unarchived ticket of the project. */
  checkProjectHealth(project: string): Promise<HealthReport[]>

  /** The database's own integrity check and schema version. */
  checkDatabase(): Promise<DatabaseCheck>
  /** The reference's project checks; reads only. */
  diagnoseProject(ref: string): Promise<ProjectDiagnosis>
  /** The reference's ticket checks and its health, computed but not saved. */
  diagnoseTicket(ref: string): Promise<TicketDiagnosis>

  /** Every entity, ids and keys preserved (admins only). */
  exportSnapshot(): Promise<Snapshot>
  /**
   * The same as the text `tk export` writes, in pieces as they are read (admins only; refused
   * before the first piece). Locally it never holds more than a batch of rows.
   */
  exportSnapshotText(): Promise<Iterable<string> | AsyncIterable<string>>
  /**
   * Replaces the whole database with a snapshot, all or nothing (admins only). Refuses a
   * snapshot from a newer schema, and a workspace that already holds work unless `force`.
   * `checkOnly`: makes those checks and loads nothing (`tk import` asks before it loads into
   * a new file to put in the workspace's place).
   */
  importSnapshot(
    snapshot: Snapshot | SnapshotStream,
    options?: { force?: boolean; checkOnly?: boolean },
  ): Promise<ImportResult>

  // ---- end labels, time, views, clone, health, doctor, snapshots ----

  close(): Promise<void>
}
