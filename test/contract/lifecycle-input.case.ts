import { describe, expect, it, onTestFinished } from 'vitest'
import type { TicketService } from '../../src/service/ticket-service.ts'
import { expectError, type OpenService } from './ticket-service.case.ts'

/**
 * How a stage, a state and a status (`stage/state`) given together are read, and a flag change
 * with its message: the same answer from every implementation (domain.md "Lifecycle").
 */
export function describeLifecycleInput(name: string, open: OpenService) {
  const withTicket = async () => {
    const svc: TicketService = await open()
    onTestFinished(() => svc.close())
    await svc.createProject({ prefix: 'CUS', title: 'Customer Portal' })
    const t = await svc.createTicket({ project: 'CUS', title: 'Reset password' })
    return { svc, key: t.key }
  }

  describe(`${name}: stage, state and status in one request`, () => {
    it('refuses a status that is not exactly stage/state', async () => {
      const { svc, key } = await withTicket()
      for (const status of ['develop/active/extra', 'develop', '/active', 'develop/'])
        await expectError(svc.updateTicket(key, { status }), 'invalid', /invalid status/)
      await expectError(
        svc.listTickets({ project: 'CUS', status: 'develop/active/extra' }),
        'invalid',
        /invalid status/,
      )
      expect((await svc.getTicket(key)).status).toBe('design/idle')
    })

    it('refuses a stage or state that disagrees with the status, and changes nothing', async () => {
      const { svc, key } = await withTicket()
      await expectError(
        svc.updateTicket(key, { title: 'renamed', stage: 'test', status: 'develop/idle' }),
        'invalid',
        /disagree/,
      )
      await expectError(
        svc.updateTicket(key, { state: 'idle', status: 'develop/active' }),
        'invalid',
        /disagree/,
      )
      await expectError(
        svc.listTickets({ project: 'CUS', stage: 'test', status: 'design/idle' }),
        'invalid',
        /disagree/,
      )
      expect(await svc.getTicket(key)).toMatchObject({
        title: 'Reset password',
        status: 'design/idle',
      })
    })

    it('takes a stage and state that agree with the status, in any letter case', async () => {
      const { svc, key } = await withTicket()
      const t = await svc.updateTicket(key, {
        stage: 'Develop',
        state: 'active',
        status: 'DEVELOP/Active',
      })
      expect(t.status).toBe('develop/active')
      const found = await svc.listTickets({
        project: 'CUS',
        stage: 'develop',
        status: 'develop/active',
      })
      expect(found.map((x) => x.key)).toEqual([key])
    })

    it('moves to the final stage with its success state in one update', async () => {
      const { svc, key } = await withTicket()
      expect((await svc.updateTicket(key, { stage: 'done', state: 'success' })).status).toBe(
        'done/success',
      )
      const other = await svc.createTicket({ project: 'CUS', title: 'Two' })
      expect((await svc.updateTicket(other.key, { status: 'done/success' })).status).toBe(
        'done/success',
      )
    })

    it('sets a state within the current stage without resetting it first', async () => {
      const { svc, key } = await withTicket()
      await svc.updateTicket(key, { status: 'develop/active' })
      const before = (await svc.listHistory({ ticket: key })).length
      expect((await svc.updateTicket(key, { status: 'develop/fail' })).status).toBe('develop/fail')
      const events = (await svc.listHistory({ ticket: key })).slice(before)
      expect(events.map((e) => [e.event_type, e.payload])).toEqual([
        ['ticket_state_changed', { old: 'active', new: 'fail', stage: 'develop' }],
      ])
    })

    it('reads state "complete" as success, as a field, in a status and as a state change', async () => {
      const { svc, key } = await withTicket()
      expect((await svc.updateTicket(key, { state: 'complete' })).status).toBe('develop/idle')
      expect((await svc.updateTicket(key, { status: 'develop/complete' })).status).toBe('test/idle')
      expect((await svc.setState(key, 'complete')).status).toBe('done/success')
      expect(
        (await svc.listTickets({ project: 'CUS', state: 'complete' })).map((x) => x.key),
      ).toEqual([key])
      expect(
        (await svc.listTickets({ project: 'CUS', status: 'done/complete' })).map((x) => x.key),
      ).toEqual([key])
    })
  })

  describe(`${name}: a flag change with a message`, () => {
    it('adds the message as a comment with the change, before a close locks the ticket', async () => {
      const { svc, key } = await withTicket()
      expect((await svc.setFlag(key, 'ready', true, { message: 'good to go' })).ready).toBe(true)
      expect((await svc.setFlag(key, 'open', false, { message: 'not needed' })).open).toBe(false)
      expect((await svc.listComments(key)).map((c) => c.text)).toEqual(['good to go', 'not needed'])
      const kinds = (await svc.listHistory({ ticket: key })).map((e) => e.event_type)
      // Marking a design-stage ticket ready also hands it to the work stage.
      expect(kinds.slice(-5)).toEqual([
        'ticket_marked_ready',
        'ticket_stage_changed',
        'comment_added',
        'comment_added',
        'ticket_closed',
      ])
      // A blank message is no comment.
      await svc.setFlag(key, 'open', true, { message: '  ' })
      expect(await svc.listComments(key)).toHaveLength(2)
    })

    it('writes neither the flag nor the comment when the comment cannot be added', async () => {
      const { svc, key } = await withTicket()
      await svc.setFlag(key, 'open', false)
      await svc.setFlag(key, 'archived', true)
      // Unarchiving leaves it closed, and a closed ticket takes no comment: refused as a whole.
      await expectError(
        svc.setFlag(key, 'archived', false, { message: 'back' }),
        'conflict',
        /closed/,
      )
      const t = await svc.listTickets({ project: 'CUS', archived: true })
      expect(t.map((x) => [x.key, x.archived])).toEqual([[key, true]])
      expect(await svc.listComments(key)).toEqual([])
    })
  })
}
