/** @module The Lifecycle section of the command table (assembled in ../program.ts). */
import type { FlagAction } from '../../domain/ticket-flags.ts'
import type { CommandSpec } from '../command.ts'
import { finalComplete, forceComplete, idAndMessage } from '../shared-options.ts'
import { lazy, lifecycle } from './loaders.ts'

const stateCommand = (name: string, summary: string): CommandSpec => ({
  name,
  summary,
  args: '[KEY]',
  options: name === 'complete' ? [...idAndMessage, forceComplete, finalComplete] : idAndMessage,
  section: 'Lifecycle',
  load: lazy(lifecycle, (m) => m.stateShortcut(name)),
})

const toggle = (name: FlagAction, summary: string): CommandSpec => ({
  name,
  summary,
  args: '[KEY]',
  options: idAndMessage,
  section: 'Lifecycle',
  load: lazy(lifecycle, (m) => m.toggle(name)),
})

export const LIFECYCLE: readonly CommandSpec[] = [
  {
    name: 'state',
    summary: 'Set the state (idle, active, success, fail) or move to a stage',
    args: '[KEY] <state|stage>',
    options: [...idAndMessage, forceComplete],
    section: 'Lifecycle',
    load: lazy(lifecycle, (m) => m.state),
  },
  {
    name: 'stage',
    summary: 'Show the stage, or move the ticket to a stage',
    args: '[KEY] [stage]',
    options: idAndMessage,
    section: 'Lifecycle',
    load: lazy(lifecycle, (m) => m.stage),
  },
  stateCommand('idle', 'Set state idle'),
  stateCommand('active', 'Start work: state active (assigns you when unassigned)'),
  stateCommand(
    'complete',
    'Finish the stage: success, on to the next stage (-final: through to done)',
  ),
  stateCommand('fail', 'Mark the stage failed'),
  toggle('close', 'Close a ticket (locks it until reopened)'),
  toggle('open', 'Reopen a closed ticket'),
  toggle('archive', 'Archive a ticket (hidden everywhere until unarchived)'),
  toggle('unarchive', 'Unarchive a ticket'),
  toggle('ready', 'Mark a ticket ready for work'),
  toggle('notready', 'Mark a ticket not ready'),
]
