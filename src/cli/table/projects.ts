/** @module The Projects section of the command table (assembled in ../program.ts). */
import type { CommandSpec } from '../command.ts'
import { projectFields, projectId, title } from '../shared-options.ts'
import { lazy, projects } from './loaders.ts'

export const PROJECTS: readonly CommandSpec[] = [
  {
    name: 'project create',
    aliases: ['project add', 'project new'],
    summary: 'Create a project and make it current',
    options: [
      { flags: '--prefix <P>', description: '2 to 5 letters, e.g. CUS' },
      { flags: '--title <text>', description: 'project title' },
      ...projectFields,
      { flags: '--visibility <v>', description: 'public (default) or private' },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.create),
  },
  {
    name: 'project list',
    aliases: ['project ls'],
    summary: 'List projects',
    section: 'Projects',
    load: lazy(projects, (m) => m.list),
  },
  {
    name: 'project get',
    aliases: ['project show'],
    summary: 'Show a project',
    args: '[PREFIX]',
    options: [projectId],
    section: 'Projects',
    load: lazy(projects, (m) => m.get),
  },
  {
    name: 'project use',
    aliases: ['project default'],
    summary: 'Make a project current (no argument: show the current one)',
    args: '[PREFIX]',
    section: 'Projects',
    load: lazy(projects, (m) => m.use),
  },
  {
    name: 'project update',
    summary: 'Change a project',
    args: '[PREFIX]',
    options: [
      projectId,
      title,
      ...projectFields,
      { flags: '--notes <text>', description: 'notes' },
      { flags: '--status <s>', description: 'open or closed' },
      { flags: '--visibility <v>', description: 'public or private' },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.update),
  },
  {
    name: 'project close',
    aliases: ['project disable'],
    summary: 'Close a project (no new tickets or lifecycle changes)',
    args: '[PREFIX]',
    options: [projectId],
    section: 'Projects',
    load: lazy(projects, (m) => m.setStatus('closed')),
  },
  {
    name: 'project open',
    aliases: ['project enable'],
    summary: 'Reopen a project',
    args: '[PREFIX]',
    options: [projectId],
    section: 'Projects',
    load: lazy(projects, (m) => m.setStatus('open')),
  },
  {
    name: 'project delete',
    aliases: ['project rm'],
    summary: 'Delete a project and everything in it',
    args: '<PREFIX>',
    options: [
      projectId,
      {
        flags: '--confirm <PREFIX>',
        description: 'repeat the prefix to confirm',
        aliases: ['yes'],
      },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.remove),
  },
  {
    name: 'project init',
    summary: 'Create (or find) a project for this directory and make it current',
    options: [
      { flags: '--prefix <P>', description: 'prefix (default: from the directory name)' },
      { flags: '--title <text>', description: 'title (default: the directory name)' },
      { flags: '-d, --description <text>', description: 'description' },
    ],
    section: 'Projects',
    load: lazy(projects, (m) => m.init),
  },
]
