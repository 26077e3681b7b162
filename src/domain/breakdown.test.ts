import { describe, expect, it } from 'vitest'
import {
  breakdownPrompt,
  parseBreakdown,
  STORY_BREAKDOWN_TYPES,
  ticketSubject,
} from './breakdown.ts'
import { childTypesOf } from './ticket.ts'

const epicTypes = childTypesOf('epic')

describe('parseBreakdown', () => {
  it('reads the JSON out of prose and code fences, defaulting the type to task', () => {
    const answer =
      'Sure!\n```json\n{"tickets":[{"title":"  One  "},{"type":"Bug","title":"Two","description":"d"}]}\n```'
    expect(parseBreakdown(answer, epicTypes).tickets).toEqual([
      { type: 'task', title: 'One', description: '', acceptance_criteria: '' },
      { type: 'bug', title: 'Two', description: 'd', acceptance_criteria: '' },
    ])
  })

  it('refuses answers without a breakdown', () => {
    expect(() => parseBreakdown('no idea', epicTypes)).toThrow('without a JSON breakdown')
    expect(() => parseBreakdown('{"tickets": []}', epicTypes)).toThrow('proposed no tickets')
    expect(() => parseBreakdown('{"tickets": [}', epicTypes)).toThrow('does not parse')
  })

  it('refuses types the parent may not hold and blank titles', () => {
    expect(() =>
      parseBreakdown('{"tickets":[{"type":"epic","title":"x"}]}', childTypesOf('task')),
    ).toThrow('type "epic" is not allowed here')
    expect(() => parseBreakdown('{"tickets":[{"title":"  "}]}', epicTypes)).toThrow(
      'title is required',
    )
  })

  it('takes at most 20 proposals', () => {
    const many = JSON.stringify({
      tickets: Array.from({ length: 21 }, (_, i) => ({ title: `t${i}` })),
    })
    expect(() => parseBreakdown(many, epicTypes)).toThrow('at most 20')
  })
})

it('asks for JSON naming the allowed types', () => {
  const prompt = breakdownPrompt(
    ticketSubject({
      key: 'CUS-E-1',
      type: 'epic',
      title: 'Payments',
      description: 'Take money',
      acceptance_criteria: '',
    }),
    { prefix: 'CUS', title: 'Customer Portal' },
  )
  expect(prompt).toContain('epic CUS-E-1 of project CUS (Customer Portal)')
  expect(prompt).toContain('Description:\nTake money')
  expect(prompt).not.toContain('Acceptance Criteria')
  expect(prompt).toContain(`Allowed types: ${epicTypes.join(', ')}`)
  expect(prompt).toContain('{"tickets":[')
  expect(STORY_BREAKDOWN_TYPES).not.toContain('story')
})
