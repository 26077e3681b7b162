/** @module The Planning section of the command table (assembled in ../program.ts). */
import type { CommandSpec } from '../command.ts'
import {
  desc,
  id,
  newTicketOptions,
  reviewOptions,
  reviewStatus,
  storyId,
  storyTicketOptions,
  textOptions,
  title,
} from '../shared-options.ts'
import { inSection, lazy, requirements, stories, tickets } from './loaders.ts'

const plan = inSection('Planning')

export const PLANNING: readonly CommandSpec[] = [
  plan(
    {
      name: 'story create',
      aliases: ['story add', 'story new'],
      summary: 'Write a user story (status draft)',
      args: '<title words…>',
      options: [title, desc],
    },
    lazy(stories, (m) => m.create),
  ),
  plan(
    {
      name: 'story list',
      aliases: ['story ls'],
      summary: 'The project’s stories, newest first',
      options: [{ flags: '--status <s>', description: 'only this status' }],
    },
    lazy(stories, (m) => m.list),
  ),
  plan(
    {
      name: 'story get',
      aliases: ['story show'],
      summary: 'Show a story and its tickets',
      args: '<id>',
      options: [storyId],
    },
    lazy(stories, (m) => m.get),
  ),
  plan(
    {
      name: 'story update',
      summary: 'Change a story (status: draft → ready_for_review → accepted → done)',
      args: '<id>',
      options: [storyId, title, desc, { flags: '--status <s>', description: 'the next status' }],
    },
    lazy(stories, (m) => m.update),
  ),
  plan(
    {
      name: 'story delete',
      aliases: ['story rm'],
      summary: 'Delete a story (its tickets stay)',
      args: '<id>',
      options: [storyId],
    },
    lazy(stories, (m) => m.remove),
  ),
  plan(
    {
      name: 'story link',
      summary: 'Link a ticket to a story',
      args: '<id> <KEY>',
      options: storyTicketOptions,
    },
    lazy(stories, (m) => m.link),
  ),
  plan(
    {
      name: 'story unlink',
      summary: 'Unlink a ticket from a story',
      args: '<id> <KEY>',
      options: storyTicketOptions,
    },
    lazy(stories, (m) => m.unlink),
  ),
  plan(
    {
      name: 'idea new',
      aliases: ['idea add', 'idea create'],
      summary: 'Capture a requirement',
      args: '<title words…>',
      options: newTicketOptions,
    },
    lazy(tickets, (m) => m.addOfType('requirement')),
  ),
  plan(
    {
      name: 'idea ls',
      aliases: ['idea list'],
      summary: 'List requirements (= review)',
      args: '[status]',
      options: [reviewStatus],
    },
    lazy(requirements, (m) => m.review),
  ),
  plan(
    {
      name: 'idea get',
      aliases: ['idea show'],
      summary: 'Show a requirement',
      args: '[KEY]',
      options: [id],
    },
    lazy(tickets, (m) => m.get),
  ),
  plan(
    {
      name: 'review',
      summary: 'Requirements and their review status',
      args: '[status]',
      options: [reviewStatus],
    },
    lazy(requirements, (m) => m.review),
  ),
  plan(
    {
      name: 'accept',
      summary: 'Accept a requirement (its first stage completes)',
      args: '[requirement] KEY',
      options: reviewOptions,
    },
    lazy(requirements, (m) => m.accept),
  ),
  plan(
    {
      name: 'reject',
      summary: 'Reject a requirement (state fail)',
      args: '[requirement] KEY',
      options: reviewOptions,
    },
    lazy(requirements, (m) => m.reject),
  ),
  plan(
    {
      name: 'revise',
      summary: 'Rework a requirement for another review',
      args: '[requirement] KEY',
      options: [...reviewOptions, ...textOptions],
    },
    lazy(requirements, (m) => m.revise),
  ),
  plan(
    {
      name: 'curate',
      summary: 'Distil a new requirement from tickets (linked both ways)',
      args: 'KEY [KEY…]',
      options: textOptions,
    },
    lazy(requirements, (m) => m.curate),
  ),
  plan(
    {
      name: 'decision add',
      aliases: ['decision new'],
      summary: 'Record a decision',
      args: '<text…>',
      options: [{ flags: '--title <text>', description: 'the decision' }, desc],
    },
    lazy(requirements, (m) => m.decisionAdd),
  ),
  plan(
    { name: 'decision list', aliases: ['decision ls'], summary: 'The project’s decisions' },
    lazy(requirements, (m) => m.decisionList),
  ),
]
