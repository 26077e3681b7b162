import type { Scope } from './keys.ts'
import type { View } from './tui-state.ts'

/** Which key bindings each view answers to (keys.ts). */
export const SCOPE: Record<View, Scope> = {
  summary: 'list',
  list: 'list',
  board: 'board',
  ideas: 'ideas',
  projects: 'projects',
  workflows: 'workflows',
  settings: 'settings',
}

export const DETAIL_HINTS =
  '↑/↓ previous/next ticket · PgUp/PgDn scroll · e edit · E description in $EDITOR · s start · m comment · Esc back'

/** The status row's hints when there is no message. */
export const HINTS: Record<View, string> = {
  summary: 'Enter open · n new · Tab next view · / filter · ? keys · q quit',
  list: 'j/k move · Enter open · s start · c complete · f fail · n new · / filter · v tree · ? keys',
  board: '←/→ lane · ↑/↓ card · Shift+←/→ move · Shift+↑/↓ priority · D archive · U undo · ? keys',
  ideas: 'n new requirement · A accept · R reject · Enter open · e edit · / filter · ? keys',
  projects: 'Enter use project · e edit · n new project · ? keys · q quit',
  workflows:
    'Enter open · n new stage · x remove stage · Shift+↑/↓ reorder · N new workflow · D delete · ? keys',
  settings: 'j/k preview theme · Enter use it · P persist state · ? keys · q quit',
}
