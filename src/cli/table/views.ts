/** @module The Views section of the command table (assembled in ../program.ts). */
import type { CommandSpec } from '../command.ts'
import { includeClosed } from '../shared-options.ts'
import { lazy, views } from './loaders.ts'

export const VIEWS: readonly CommandSpec[] = [
  {
    name: 'board',
    summary: 'Tickets in lanes, one per workflow stage',
    options: [
      includeClosed,
      { flags: '-n, --limit <n>', description: 'at most n cards per lane (default 50, 0 = all)' },
    ],
    section: 'Views',
    load: lazy(views, (m) => m.board),
  },
  {
    name: 'count',
    summary: 'Users, projects and tickets per type and status (all projects, or PREFIX)',
    args: '[PREFIX]',
    section: 'Views',
    load: lazy(views, (m) => m.count),
  },
  {
    name: 'summary',
    summary: 'The daily starting point: active work, what is next, recent activity',
    section: 'Views',
    load: lazy(views, (m) => m.summary),
  },
]
