import { describe, expect, it } from 'vitest'
import type { HistoryEvent } from '../../../../src/domain/history.ts'
import { describeEvent } from './describe-event.ts'

const event = (event_type: string, payload: Record<string, unknown>): HistoryEvent => ({
  id: 1,
  project_id: 1,
  ticket_id: 1,
  ticket_key: 'CUS-T-1',
  event_type,
  actor: 'alice',
  payload,
  created_at: '2026-11-24T08:00:00.000Z',
})

describe('describeEvent', () => {
  it('lists each changed field with its old and new value', () => {
    const e = event('ticket_updated', {
      changes: { title: { old: 'a', new: 'b' }, priority: { old: 3, new: 1 } },
    })
    expect(describeEvent(e)).toBe('changed title from “a” to “b”; priority from “3” to “1”')
  })
  it('shows a move as old → new, and an empty value as a dash', () => {
    expect(describeEvent(event('ticket_stage_changed', { old: 'design', new: 'develop' }))).toBe(
      'stage changed: design → develop',
    )
    expect(describeEvent(event('ticket_assigned', { old: null, new: 'bob' }))).toBe(
      'assigned: — → bob',
    )
  })
  it('names the dependency, and falls back to the event name', () => {
    expect(describeEvent(event('dependency_added', { depends_on: 'CUS-T-2' }))).toBe(
      'dependency added: CUS-T-2',
    )
    expect(describeEvent(event('label_added', { label: 'ui' }))).toBe('label added: ui')
    expect(describeEvent(event('time_logged', { minutes: 30, note: 'review' }))).toBe(
      'time logged: 30 min (review)',
    )
    expect(describeEvent(event('ticket_created', {}))).toBe('created')
  })
})
