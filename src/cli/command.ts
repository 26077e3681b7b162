import type { TicketService } from '../service/ticket-service.ts'
import type { Output } from './output.ts'
import type { Workspace } from './workspace.ts'

/** One option in the usual flag syntax (`-n, --limit <n>`), plus other long names for it. */
export type OptionSpec = {
  readonly flags: string
  readonly description: string
  readonly aliases?: readonly string[]
}

export type Run = (c: CommandContext) => Promise<void>

export type CommandSpec = {
  /** The words that select it: `add`, `project create`. */
  readonly name: string
  readonly aliases?: readonly string[]
  readonly summary: string
  /** Positional arguments for the usage line, e.g. `[KEY] <user>`. */
  readonly args?: string
  readonly options?: readonly OptionSpec[]
  readonly section: (typeof SECTIONS)[number]
  readonly load: () => Promise<Run>
}

export type CommandContext = {
  readonly spec: CommandSpec
  readonly args: string[]
  readonly opts: Readonly<Record<string, unknown>>
  readonly out: Output
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  readonly now: Date
  readonly workspace: Workspace
  /** The service for this workspace (local or remote), opened on first use. */
  service(): Promise<TicketService>
  /** The active project (`-project`, else config), or a usage error saying how to set one. */
  project(): string
  /** The subject ticket: `-id KEY` or the first positional, expanded with the active project. */
  ticket(): string
  /** Expands `42` to `PREFIX-42` in the active project; keys pass through. */
  ref(raw: string): string
  str(name: string): string | undefined
  int(name: string): number | undefined
  bool(name: string): boolean
}

/** Help and the reference group commands under these headings, in this order. */
export const SECTIONS = [
  'Tickets',
  'Lifecycle',
  'Work',
  'Records',
  'Views',
  'Projects',
  'Planning',
  'Organisation',
  'Workspace',
] as const
