import { DEFAULT_THEME, findTheme } from './themes.ts'

export const VIEWS = [
  'summary',
  'list',
  'board',
  'ideas',
  'projects',
  'workflows',
  'settings',
] as const
export type View = (typeof VIEWS)[number]

export const VIEW_TITLES: Record<View, string> = {
  summary: 'Summary',
  list: 'List',
  board: 'Board',
  ideas: 'Ideas',
  projects: 'Projects',
  workflows: 'Workflows',
  settings: 'Settings',
}

/** What survives a restart, under `tui` in config.json (ui.md "Terminal UI"). */
export type TuiState = {
  readonly view: View
  /** The `/` query per view that has one. */
  readonly filters: Readonly<Partial<Record<View, string>>>
  /**
   * Cursor row per view; the board keeps `lane * 100000 + row`. Only a fallback: the cursor
   * is on `selected`'s row wherever that is now, and on this row when it has gone.
   */
  readonly cursors: Readonly<Partial<Record<View, number>>>
  /** What the cursor is on per view: a ticket's key (a project's prefix in Projects). */
  readonly selected: Readonly<Partial<Record<View, string>>>
  readonly theme: string
  /** List as the hierarchy (epics and their children) instead of flat. */
  readonly tree: boolean
  /** Tickets opened in the tree. */
  readonly expanded: readonly string[]
  /** Off: start on Summary with no filter every time, as the reference's `tui_disable_persist`. */
  readonly persist: boolean
}

export const INITIAL_STATE: TuiState = {
  view: 'summary',
  filters: {},
  cursors: {},
  selected: {},
  theme: DEFAULT_THEME.id,
  tree: false,
  expanded: [],
  persist: true,
}

const isView = (v: unknown): v is View => typeof v === 'string' && VIEWS.includes(v as View)

function record<T>(raw: unknown, ok: (v: unknown) => v is T): Partial<Record<View, T>> {
  if (!raw || typeof raw !== 'object') return {}
  const out: Partial<Record<View, T>> = {}
  for (const [k, v] of Object.entries(raw)) if (isView(k) && ok(v)) out[k] = v
  return out
}

/**
 * Reads `config.tui`, which a person may have edited by hand: anything unknown or malformed
 * falls back to the default rather than failing the start.
 */
export function readTuiState(raw: unknown): TuiState {
  if (!raw || typeof raw !== 'object') return INITIAL_STATE
  const r = raw as Record<string, unknown>
  const persist = r.persist !== false
  const theme =
    typeof r.theme === 'string' && findTheme(r.theme) ? findTheme(r.theme)!.id : DEFAULT_THEME.id
  if (!persist) return { ...INITIAL_STATE, theme, persist }
  return {
    view: isView(r.view) ? r.view : INITIAL_STATE.view,
    filters: record(r.filters, (v): v is string => typeof v === 'string'),
    cursors: record(
      r.cursors,
      (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0,
    ),
    selected: record(r.selected, (v): v is string => typeof v === 'string'),
    theme,
    tree: r.tree === true,
    expanded: Array.isArray(r.expanded)
      ? r.expanded.filter((k): k is string => typeof k === 'string')
      : [],
    persist,
  }
}
