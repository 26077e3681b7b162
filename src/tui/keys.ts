import type { Key } from 'ink'

/** What a key press asks for; views and the app act on these, never on raw keys. */
export type Action =
  | 'quit'
  | 'help'
  | 'back'
  | 'next-view'
  | 'prev-view'
  | 'view-summary'
  | 'view-list'
  | 'view-board'
  | 'view-ideas'
  | 'view-projects'
  | 'view-workflows'
  | 'view-settings'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'top'
  | 'bottom'
  | 'page-up'
  | 'page-down'
  | 'open'
  | 'select'
  | 'filter'
  | 'clear-filter'
  | 'new'
  | 'edit'
  | 'edit-description'
  | 'comment'
  | 'start'
  | 'complete'
  | 'fail'
  | 'idle'
  | 'assign-me'
  | 'claim'
  | 'claim-next'
  | 'move-left'
  | 'move-right'
  | 'raise'
  | 'lower'
  | 'archive'
  | 'undo'
  | 'reload'
  | 'next-theme'
  | 'toggle-persist'
  | 'accept'
  | 'toggle-tree'
  | 'reject'
  | 'new-workflow'
  | 'remove'

/** Where a binding applies: everywhere, or only while that screen has the keys. */
export type Scope =
  | 'global'
  | 'list'
  | 'board'
  | 'ideas'
  | 'detail'
  | 'projects'
  | 'workflows'
  | 'settings'

export type Binding = {
  readonly keys: readonly string[]
  readonly action: Action
  readonly scope: Scope
  readonly help: string
}

const b = (scope: Scope, keys: string[], action: Action, help: string): Binding => ({
  keys,
  action,
  scope,
  help,
})

const TICKET_ACTIONS: Binding[] = [
  b('list', ['enter'], 'open', 'open the ticket'),
  b('list', ['e'], 'edit', 'edit the ticket'),
  b('list', ['s'], 'start', 'start (active, assigned to me if unassigned)'),
  b('list', ['c'], 'complete', 'complete the stage'),
  b('list', ['f'], 'fail', 'fail the stage'),
  b('list', ['i'], 'idle', 'back to idle'),
  b('list', ['a'], 'assign-me', 'assign to me'),
  b('list', ['x'], 'claim', 'claim (assign to me and start)'),
  b('list', ['D'], 'archive', 'archive (asks first)'),
  b('list', ['m'], 'comment', 'add a comment'),
]

/**
 * Every key the terminal UI answers, by scope (ui.md "Terminal UI", reference/ui.md §1.4 for
 * the board's keys). `?` renders this table, so help never drifts from behaviour.
 */
export const BINDINGS: readonly Binding[] = [
  b('global', ['q'], 'quit', 'quit (closes the open pane first)'),
  b('global', ['C-c'], 'quit', 'quit from anywhere, forms included'),
  b('global', ['?'], 'help', 'show or hide these keys'),
  b('global', ['esc'], 'back', 'close the pane, form or prompt'),
  b('global', ['tab', 'right', 'l'], 'next-view', 'next view'),
  b('global', ['S-tab', 'left', 'h'], 'prev-view', 'previous view'),
  b('global', ['1'], 'view-summary', 'Summary'),
  b('global', ['2'], 'view-list', 'List'),
  b('global', ['3'], 'view-board', 'Board'),
  b('global', ['4'], 'view-ideas', 'Ideas'),
  b('global', ['5', 'p'], 'view-projects', 'Projects'),
  b('global', ['6', 'W'], 'view-workflows', 'Workflows'),
  b('global', ['7', 'T'], 'view-settings', 'Settings'),
  b('global', ['j', 'down'], 'down', 'move down'),
  b('global', ['k', 'up'], 'up', 'move up'),
  b('global', ['g', 'home'], 'top', 'first row'),
  b('global', ['G', 'end'], 'bottom', 'last row'),
  b('global', ['pagedown', 'C-d'], 'page-down', 'page down'),
  b('global', ['pageup', 'C-u'], 'page-up', 'page up'),
  b('global', ['/'], 'filter', 'filter: words, type: stage: state: assignee: label: all'),
  b('global', ['\\'], 'clear-filter', 'clear the filter'),
  b('global', ['n'], 'new', 'new ticket (a requirement in Ideas)'),
  b('global', ['X'], 'claim-next', 'claim the next ticket from the queue'),
  b('global', ['U'], 'undo', 'undo the last key change: s c f i a x, moves, priority, archive'),
  b('global', ['r'], 'reload', 'reload'),
  b('global', ['t'], 'next-theme', 'next theme'),
  ...TICKET_ACTIONS,
  b('list', ['v'], 'toggle-tree', 'List: the hierarchy (epics and children), or flat'),
  b('list', ['space'], 'select', 'List as a tree: open or close the ticket'),
  b('board', ['left', 'h'], 'left', 'previous lane'),
  b('board', ['right', 'l'], 'right', 'next lane'),
  b('board', ['S-left', 'H'], 'move-left', 'move the card to the previous stage'),
  b('board', ['S-right', 'L'], 'move-right', 'move the card to the next stage'),
  b('board', ['S-up', 'K'], 'raise', 'raise priority'),
  b('board', ['S-down', 'J'], 'lower', 'lower priority'),
  b('board', ['E'], 'edit', 'edit the card'),
  ...TICKET_ACTIONS.map((x) => ({ ...x, scope: 'board' as const })),
  b('ideas', ['A'], 'accept', 'accept the requirement'),
  b('ideas', ['R'], 'reject', 'reject the requirement (asks why)'),
  ...TICKET_ACTIONS.map((x) => ({ ...x, scope: 'ideas' as const })),
  b('detail', ['up', 'k'], 'up', 'previous ticket'),
  b('detail', ['down', 'j'], 'down', 'next ticket'),
  b('detail', ['pagedown', 'space', 'C-d'], 'page-down', 'scroll down'),
  b('detail', ['pageup', 'C-u'], 'page-up', 'scroll up'),
  b('detail', ['E'], 'edit-description', 'edit the description in $EDITOR'),
  ...TICKET_ACTIONS.filter((x) => x.action !== 'open').map((x) => ({
    ...x,
    scope: 'detail' as const,
  })),
  b('projects', ['enter', 'space'], 'select', 'use this project'),
  b('projects', ['e'], 'edit', 'edit the project'),
  b('projects', ['n'], 'new', 'new project'),
  b('workflows', ['enter', 'space'], 'select', 'open or close the workflow'),
  b('workflows', ['n'], 'new', 'add a stage to the workflow'),
  b('workflows', ['x'], 'remove', 'remove the stage (a workflow: delete it, asks first)'),
  b('workflows', ['S-up', 'K'], 'raise', 'move the stage up'),
  b('workflows', ['S-down', 'J'], 'lower', 'move the stage down'),
  b('workflows', ['N'], 'new-workflow', 'new workflow: its name, then its stages'),
  b('workflows', ['D'], 'archive', 'delete the workflow (asks first)'),
  b('settings', ['enter', 'space'], 'select', 'use this theme'),
  b('settings', ['P'], 'toggle-persist', 'remember view, filter and cursor'),
]

/** Ink's key event as one name: `j`, `G`, `enter`, `S-left`, `C-c`. */
export function keyName(input: string, key: Key): string {
  const shift = key.shift ? 'S-' : ''
  if (key.upArrow) return `${shift}up`
  if (key.downArrow) return `${shift}down`
  if (key.leftArrow) return `${shift}left`
  if (key.rightArrow) return `${shift}right`
  if (key.tab) return `${shift}tab`
  if (key.return) return 'enter'
  if (key.escape) return 'esc'
  if (key.pageUp) return 'pageup'
  if (key.pageDown) return 'pagedown'
  if (key.home) return 'home'
  if (key.end) return 'end'
  if (key.backspace) return 'backspace'
  if (key.delete) return 'delete'
  if (key.ctrl && input.length === 1) return `C-${input.toLowerCase()}`
  if (input === ' ') return 'space'
  return input
}

/** The action a key means on a screen: that screen's bindings first, then the global ones. */
export function resolveKey(scope: Scope, name: string): Action | undefined {
  const own = BINDINGS.find((x) => x.scope === scope && x.keys.includes(name))
  if (own) return own.action
  return BINDINGS.find((x) => x.scope === 'global' && x.keys.includes(name))?.action
}

/** Bindings for the help screen, one entry per scope in table order. */
export function bindingsByScope(): Map<Scope, Binding[]> {
  const groups = new Map<Scope, Binding[]>()
  for (const x of BINDINGS) groups.set(x.scope, [...(groups.get(x.scope) ?? []), x])
  return groups
}

/** How a key name reads on screen. */
export const showKey = (name: string): string =>
  ({
    'C-c': 'Ctrl+C',
    'C-d': 'Ctrl+D',
    'C-u': 'Ctrl+U',
    'S-tab': 'Shift+Tab',
    'S-left': 'Shift+←',
    'S-right': 'Shift+→',
    'S-up': 'Shift+↑',
    'S-down': 'Shift+↓',
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    enter: 'Enter',
    esc: 'Esc',
    tab: 'Tab',
    space: 'Space',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
  })[name] ?? name
