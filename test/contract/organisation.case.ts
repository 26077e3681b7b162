import { describe, expect, it, onTestFinished } from 'vitest'
import type { TicketService } from '../../src/service/ticket-service.ts'
import { expectError, type OpenService } from './ticket-service.case.ts'

/**
 * Organisation and planning: workflows, roles, users, teams, project access,
 * stories and requirements, as every TicketService implementation must behave.
 */
export function describeOrganisation(name: string, open: OpenService) {
  const service = async () => {
    const svc = await open()
    onTestFinished(() => svc.close())
    return svc
  }
  const withProject = async () => {
    const svc = await service()
    await svc.createProject({ prefix: 'CUS', title: 'Customer Portal' })
    return svc
  }
  const kanban = (svc: TicketService) =>
    svc.createWorkflow({
      name: 'kanban',
      description: 'todo, doing, done',
      stages: [{ name: 'todo' }, { name: 'doing', role: 'Engineer' }, { name: 'done' }],
    })
  const stagesOf = async (svc: TicketService, ref: string) =>
    (await svc.getWorkflow(ref)).stages.map((s) => s.name)

  describe(`${name}: workflows`, () => {
    it('seeds default and yolo', async () => {
      const svc = await service()
      const ws = await svc.listWorkflows()
      expect(ws.map((w) => w.name)).toEqual(['default', 'yolo'])
      expect(await stagesOf(svc, 'default')).toEqual(['design', 'develop', 'test', 'done'])
      expect(await stagesOf(svc, 'YOLO')).toEqual(['develop', 'done'])
      const design = ws[0]!.stages[0]!
      expect(design).toMatchObject({ position: 0, name: 'design', role: 'BA' })
    })

    it('creates workflows with stages and roles, found by id or name', async () => {
      const svc = await service()
      const w = await kanban(svc)
      expect(w.stages.map((s) => [s.position, s.name, s.role])).toEqual([
        [0, 'todo', null],
        [1, 'doing', 'Engineer'],
        [2, 'done', null],
      ])
      expect((await svc.getWorkflow(String(w.id))).name).toBe('kanban')
      expect((await svc.getWorkflow('KANBAN')).id).toBe(w.id)
      await expectError(svc.getWorkflow('nope'), 'not_found', /workflow "nope"/)
    })

    it('refuses duplicate and malformed names and stages', async () => {
      const svc = await service()
      await kanban(svc)
      await expectError(svc.createWorkflow({ name: 'Kanban' }), 'conflict', /already exists/)
      await expectError(svc.createWorkflow({ name: 'two words' }), 'invalid')
      await expectError(svc.createWorkflow({ name: '42' }), 'invalid')
      await expectError(svc.createWorkflow({ name: 'x', stages: [{ name: 'a/b' }] }), 'invalid')
      await expectError(svc.createWorkflow({ name: 'x', stages: [{ name: 'active' }] }), 'invalid')
      await expectError(
        svc.createWorkflow({ name: 'x', stages: [{ name: 'a' }, { name: 'A' }] }),
        'invalid',
        /twice/,
      )
      await expectError(
        svc.createWorkflow({ name: 'x', stages: [{ name: 'a', role: 'Nobody' }] }),
        'not_found',
        /role/,
      )
      expect((await svc.listWorkflows()).map((w) => w.name)).toEqual(['default', 'kanban', 'yolo'])
    })

    it('adds, removes and reorders stages', async () => {
      const svc = await service()
      await kanban(svc)
      let w = await svc.addWorkflowStage('kanban', {
        name: 'Review',
        position: 2,
        role: 'reviewer',
      })
      expect(w.stages.map((s) => `${s.position}:${s.name}:${s.role ?? ''}`)).toEqual([
        '0:todo:',
        '1:doing:Engineer',
        '2:review:Reviewer',
        '3:done:',
      ])
      await expectError(svc.addWorkflowStage('kanban', { name: 'todo' }), 'conflict')
      await expectError(svc.addWorkflowStage('kanban', { name: 'x', position: 9 }), 'invalid')
      w = await svc.reorderWorkflowStages('kanban', ['doing', 'todo', 'review', 'done'])
      expect(w.stages.map((s) => s.name)).toEqual(['doing', 'todo', 'review', 'done'])
      await expectError(svc.reorderWorkflowStages('kanban', ['doing', 'todo']), 'invalid')
      await expectError(svc.reorderWorkflowStages('kanban', ['a', 'b', 'c', 'd']), 'not_found')
      w = await svc.removeWorkflowStage('kanban', 'review')
      expect(w.stages.map((s) => [s.position, s.name])).toEqual([
        [0, 'doing'],
        [1, 'todo'],
        [2, 'done'],
      ])
      w = await svc.removeWorkflowStage('kanban', String(w.stages[0]!.id))
      expect(w.stages.map((s) => s.name)).toEqual(['todo', 'done'])
      await svc.setWorkflow({ project: 'TK' }, 'kanban')
      await svc.removeWorkflowStage('kanban', 'todo')
      await expectError(svc.removeWorkflowStage('kanban', 'done'), 'conflict', /in use/)
      await svc.unsetWorkflow({ project: 'TK' })
      expect((await svc.removeWorkflowStage('kanban', 'done')).stages).toEqual([])
    })

    it('moves a project to a workflow, keeping every ticket valid and recording each move', async () => {
      const svc = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'a' })
      const b = await svc.createTicket({ project: 'CUS', title: 'b' })
      await svc.setStage(b.key, 'done')
      await kanban(svc)
      await svc.addWorkflowStage('kanban', { name: 'design', position: 0 })
      await svc.setStage(a.key, 'develop')
      const c = await svc.createTicket({ project: 'CUS', title: 'c' })
      const change = await svc.setWorkflow({ project: 'CUS' }, 'kanban')
      expect(change.target).toEqual({ kind: 'project', ref: 'CUS' })
      expect(change.stages).toEqual(['design', 'todo', 'doing', 'done'])
      expect(change.moved.map((m) => [m.key, `${m.to.stage}/${m.to.state}`])).toEqual([
        [a.key, 'design/idle'],
      ])
      expect((await svc.getTicket(b.key)).status).toBe('done/success')
      expect((await svc.getTicket(c.key)).status).toBe('design/idle')
      expect((await svc.getProject('CUS')).workflow_id).toBe(change.workflow!.id)
      expect((await svc.getTicket(a.key)).stages).toEqual(['design', 'todo', 'doing', 'done'])
      const events = await svc.listHistory({ ticket: a.key, limit: 0 })
      expect(events.at(-1)).toMatchObject({
        event_type: 'ticket_stage_changed',
        payload: { old: 'develop', new: 'design', reason: 'workflow changed' },
      })
      const d = await svc.createTicket({ project: 'CUS', title: 'd' })
      expect(d.status).toBe('design/idle')
      const e = await svc.setState(d.key, 'success')
      expect(e.status).toBe('todo/idle')
    })

    it('a finished ticket stays finished and a ticket idle in the new final stage steps back', async () => {
      const svc = await withProject()
      const done = await svc.createTicket({ project: 'CUS', title: 'done' })
      await svc.setStage(done.key, 'done')
      const testing = await svc.createTicket({ project: 'CUS', title: 'testing' })
      await svc.setStage(testing.key, 'test')
      await svc.createWorkflow({
        name: 'short',
        stages: [{ name: 'design' }, { name: 'develop' }, { name: 'test' }],
      })
      const change = await svc.setWorkflow({ project: 'CUS' }, 'short')
      expect(change.moved.map((m) => [m.key, `${m.to.stage}/${m.to.state}`])).toEqual([
        [done.key, 'test/success'],
        [testing.key, 'develop/idle'],
      ])
    })

    it('sets and clears the workflow of a leaf ticket', async () => {
      const svc = await withProject()
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      const set = await svc.setWorkflow({ ticket: t.key }, 'yolo')
      expect(set.moved).toEqual([
        {
          key: t.key,
          from: { stage: 'design', state: 'idle' },
          to: { stage: 'develop', state: 'idle' },
        },
      ])
      const got = await svc.getTicket(t.key)
      expect(got.workflow_id).toBe(set.workflow!.id)
      expect(got.stages).toEqual(['develop', 'done'])
      expect((await svc.setState(t.key, 'success')).status).toBe('done/success')
      const unset = await svc.unsetWorkflow({ ticket: t.key })
      expect(unset.workflow).toBeNull()
      expect(unset.stages).toEqual(['design', 'develop', 'test', 'done'])
      expect((await svc.getTicket(t.key)).status).toBe('done/success')
      expect((await svc.getTicket(t.key)).workflow_id).toBeNull()
    })

    it('refuses workflows on parents, empty workflows and unknown targets', async () => {
      const svc = await withProject()
      const epic = await svc.createTicket({ project: 'CUS', title: 'e', type: 'epic' })
      await svc.createTicket({ project: 'CUS', title: 'c', parent: epic.key })
      await expectError(svc.setWorkflow({ ticket: epic.key }, 'yolo'), 'conflict', /children/)
      await svc.createWorkflow({ name: 'empty' })
      await expectError(svc.setWorkflow({ project: 'CUS' }, 'empty'), 'invalid', /no stages/)
      await expectError(svc.setWorkflow({ ticket: 'CUS-T-99' }, 'yolo'), 'not_found')
      await expectError(svc.setWorkflow({ project: 'NOPE' }, 'yolo'), 'not_found')
      await expectError(svc.setWorkflow({ project: 'CUS' }, 'nope'), 'not_found')
    })

    it('refuses stage changes that would strand tickets, naming them', async () => {
      const svc = await withProject()
      await kanban(svc)
      await svc.setWorkflow({ project: 'CUS' }, 'kanban')
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      await expectError(
        svc.removeWorkflowStage('kanban', 'todo'),
        'conflict',
        new RegExp(`stage todo .*${t.key}`),
      )
      // Removing "done" would make "doing" final while t is idle there.
      await svc.setStage(t.key, 'doing')
      await expectError(svc.removeWorkflowStage('kanban', 'done'), 'conflict', /final stage/)
      await expectError(
        svc.reorderWorkflowStages('kanban', ['todo', 'done', 'doing']),
        'conflict',
        new RegExp(t.key),
      )
      await svc.setStage(t.key, 'done')
      expect((await svc.removeWorkflowStage('kanban', 'todo')).stages.map((s) => s.name)).toEqual([
        'doing',
        'done',
      ])
    })

    it('deletes unused workflows and refuses ones in use, naming the users', async () => {
      const svc = await withProject()
      await kanban(svc)
      await svc.createWorkflow({ name: 'spare', stages: [{ name: 'only' }] })
      await svc.setWorkflow({ project: 'CUS' }, 'kanban')
      const t = await svc.createTicket({ project: 'TK', title: 't' })
      await svc.setWorkflow({ ticket: t.key }, 'spare')
      await expectError(svc.deleteWorkflow('kanban'), 'conflict', /projects CUS/)
      await expectError(svc.deleteWorkflow('spare'), 'conflict', new RegExp(`tickets ${t.key}`))
      await svc.unsetWorkflow({ ticket: t.key })
      await svc.deleteWorkflow('spare')
      await expectError(svc.getWorkflow('spare'), 'not_found')
      await expectError(svc.deleteWorkflow('spare'), 'not_found')
    })

    it('exports and imports a workflow, all or nothing', async () => {
      const svc = await service()
      await kanban(svc)
      const data = await svc.exportWorkflow('kanban')
      expect(data).toEqual({
        name: 'kanban',
        description: 'todo, doing, done',
        stages: [
          { stage_name: 'todo', description: '', role: '', sort_order: 0 },
          { stage_name: 'doing', description: '', role: 'Engineer', sort_order: 1 },
          { stage_name: 'done', description: '', role: '', sort_order: 2 },
        ],
      })
      await expectError(svc.importWorkflow(data), 'conflict', /already exists/)
      const copy = await svc.importWorkflow(data, { name: 'kanban2' })
      expect(copy.stages.map((s) => [s.name, s.role])).toEqual([
        ['todo', null],
        ['doing', 'Engineer'],
        ['done', null],
      ])
      const broken = {
        name: 'broken',
        description: '',
        stages: [
          { stage_name: 'a', description: '', role: '', sort_order: 0 },
          { stage_name: 'b', description: '', role: 'Nobody', sort_order: 1 },
        ],
      }
      await expectError(svc.importWorkflow(broken), 'not_found', /Nobody/)
      await expectError(svc.getWorkflow('broken'), 'not_found')
      await expectError(
        svc.importWorkflow({ name: 'x', stages: 'no' } as never),
        'invalid',
        /workflow export/,
      )
    })
  })

  describe(`${name}: roles`, () => {
    it('lists the seeded roles and creates, updates and deletes roles', async () => {
      const svc = await service()
      const names = (await svc.listRoles()).map((r) => r.name)
      expect(names).toEqual(expect.arrayContaining(['BA', 'Architect', 'QA/Tester', 'Engineer']))
      const r = await svc.createRole({ name: 'Release Manager', goals: 'Ship safely' })
      expect(r).toMatchObject({
        name: 'Release Manager',
        title: 'Release Manager',
        goals: 'Ship safely',
      })
      expect((await svc.getRole('release manager')).id).toBe(r.id)
      expect((await svc.getRole(String(r.id))).name).toBe('Release Manager')
      const u = await svc.updateRole(String(r.id), { title: 'RM', motivation: 'Calm releases' })
      expect(u).toMatchObject({ name: 'Release Manager', title: 'RM', motivation: 'Calm releases' })
      await expectError(svc.createRole({ name: 'release manager' }), 'conflict')
      await expectError(
        svc.updateRole('BA', { name: 'release manager' }),
        'conflict',
        /already exists/,
      )
      await expectError(svc.createRole({ name: '' }), 'invalid')
      await expectError(svc.updateRole('BA', {}), 'invalid')
      await svc.deleteRole('Release Manager')
      await expectError(svc.getRole('Release Manager'), 'not_found')
    })

    it('refuses deleting a role stages name unless forced, which clears it from them', async () => {
      const svc = await service()
      await expectError(svc.deleteRole('BA'), 'conflict', /default\/design/)
      await svc.deleteRole('BA', { force: true })
      const design = (await svc.getWorkflow('default')).stages[0]!
      expect(design).toMatchObject({ name: 'design', role_id: null, role: null })
    })
  })

  describe(`${name}: users`, () => {
    it('creates users, generating a password only when none is given', async () => {
      const svc = await service()
      const alice = await svc.createUser({ username: 'alice', password: 'alice-password' })
      expect(alice.password).toBeNull()
      expect(alice.user).toMatchObject({ username: 'alice', role: 'user', enabled: true })
      expect(alice.user).not.toHaveProperty('password_hash')
      const bob = await svc.createUser({ username: 'bob', role: 'admin', email: 'b@x.org' })
      expect(bob.password).toMatch(/^[A-Za-z0-9]{24}$/)
      expect(bob.user).toMatchObject({ role: 'admin', email: 'b@x.org' })
      await svc.createUser({ username: 'robot', user_type: 'agent' })
      expect((await svc.listUsers()).map((u) => u.username)).toEqual(['admin', 'alice', 'bob'])
      expect((await svc.listUsers({ include_agents: true })).length).toBe(4)
    })

    it('refuses bad and duplicate users', async () => {
      const svc = await service()
      await svc.createUser({ username: 'alice' })
      await expectError(svc.createUser({ username: 'Alice' }), 'conflict', /already exists/)
      await expectError(svc.createUser({ username: 'a b' }), 'invalid')
      await expectError(svc.createUser({ username: 'carol', password: 'short' }), 'invalid', /8/)
      await expectError(svc.createUser({ username: 'carol', role: 'root' as never }), 'invalid')
    })

    it('enables, disables and resets passwords, never locking out the last admin', async () => {
      const svc = await service()
      await svc.createUser({ username: 'alice' })
      expect((await svc.setUserEnabled('alice', false)).enabled).toBe(false)
      expect((await svc.setUserEnabled('alice', true)).enabled).toBe(true)
      await expectError(svc.setUserEnabled('admin', false), 'conflict', /yourself/)
      const reset = await svc.resetPassword('alice')
      expect(reset.password).toMatch(/^[A-Za-z0-9]{24}$/)
      expect((await svc.resetPassword('alice', 'a-new-password')).password).toBeNull()
      await expectError(svc.resetPassword('nobody'), 'not_found')
      await expectError(svc.setUserEnabled('nobody', true), 'not_found')
    })

    it('deletes users with their memberships, refusing while tickets are assigned to them', async () => {
      const svc = await withProject()
      await svc.createUser({ username: 'alice' })
      await svc.addProjectMember('CUS', { username: 'alice', role: 'editor' })
      await svc.createTeam({ name: 'Platform' })
      await svc.addTeamMember('Platform', { username: 'alice' })
      const t = await svc.createTicket({ project: 'CUS', title: 't', assignee: 'alice' })
      await expectError(svc.deleteUser('alice'), 'conflict', new RegExp(t.key))
      await svc.unassign(t.key)
      await svc.deleteUser('alice')
      expect((await svc.listUsers()).map((u) => u.username)).toEqual(['admin'])
      expect((await svc.listProjectMembers('CUS')).map((m) => m.username)).toEqual(['admin'])
      expect((await svc.listTeamMembers('Platform')).map((m) => m.username)).toEqual(['admin'])
      await expectError(svc.deleteUser('admin'), 'conflict', /yourself/)
    })
  })

  describe(`${name}: teams`, () => {
    it('creates nested teams, the creator as owner', async () => {
      const svc = await service()
      const eng = await svc.createTeam({ name: 'Engineering', description: 'all of us' })
      const plat = await svc.createTeam({ name: 'Platform', parent: 'engineering' })
      expect(plat).toMatchObject({ parent_id: eng.id, parent_name: 'Engineering' })
      expect((await svc.listTeams()).map((t) => t.name)).toEqual(['Engineering', 'Platform'])
      const detail = await svc.getTeam(String(eng.id))
      expect(detail.children.map((t) => t.name)).toEqual(['Platform'])
      expect(detail.members).toEqual([
        expect.objectContaining({ username: 'admin', role: 'owner' }),
      ])
      await expectError(svc.createTeam({ name: 'platform' }), 'conflict')
      await expectError(svc.createTeam({ name: 'X', parent: 'Nope' }), 'not_found')
    })

    it('moves teams without ever making a cycle', async () => {
      const svc = await service()
      await svc.createTeam({ name: 'A' })
      await svc.createTeam({ name: 'B', parent: 'A' })
      await svc.createTeam({ name: 'C', parent: 'B' })
      await expectError(svc.updateTeam('A', { parent: 'C' }), 'conflict', /cycle/)
      await expectError(svc.updateTeam('A', { parent: 'A' }), 'conflict', /own parent/)
      expect((await svc.updateTeam('C', { parent: null, name: 'Z' })).parent_id).toBeNull()
      expect((await svc.updateTeam('A', { parent: 'Z' })).parent_name).toBe('Z')
    })

    it('adds, updates and removes members and agents', async () => {
      const svc = await service()
      await svc.createTeam({ name: 'Platform' })
      await svc.createUser({ username: 'alice' })
      const robot = (await svc.createUser({ username: 'robot', user_type: 'agent' })).user
      const m = await svc.addTeamMember('Platform', { username: 'alice', job_title: 'SRE' })
      expect(m).toMatchObject({ username: 'alice', role: 'member', job_title: 'SRE' })
      const again = await svc.addTeamMember('Platform', { username: 'alice', role: 'owner' })
      expect(again).toMatchObject({ role: 'owner', job_title: '' })
      await expectError(
        svc.addTeamMember('Platform', { username: 'alice', role: 'boss' as never }),
        'invalid',
      )
      await expectError(svc.addTeamAgent('Platform', 'alice'), 'conflict', /not an agent/)
      expect(await svc.addTeamAgent('Platform', 'robot')).toMatchObject({ user_id: robot.id })
      expect((await svc.getTeam('Platform')).agents.map((a) => a.username)).toEqual(['robot'])
      await svc.removeTeamAgent('Platform', 'robot')
      await expectError(svc.removeTeamAgent('Platform', 'robot'), 'not_found')
      await svc.removeTeamMember('Platform', 'alice')
      await expectError(svc.removeTeamMember('Platform', 'alice'), 'not_found')
      expect((await svc.listTeamMembers('Platform')).map((x) => x.username)).toEqual(['admin'])
    })

    it('deletes a team with its memberships; refuses while sub-teams or projects refer to it', async () => {
      const svc = await withProject()
      await svc.createTeam({ name: 'Engineering' })
      await svc.createTeam({ name: 'Platform', parent: 'Engineering' })
      await svc.addProjectTeam('CUS', { team: 'Platform', role: 'editor' })
      await expectError(svc.deleteTeam('Engineering'), 'conflict', /sub-teams: Platform/)
      await expectError(svc.deleteTeam('Platform'), 'conflict', /projects CUS/)
      await svc.removeProjectTeam('CUS', 'Platform')
      await svc.deleteTeam('Platform')
      await svc.deleteTeam('Engineering')
      expect(await svc.listTeams()).toEqual([])
    })
  })

  describe(`${name}: project members and teams`, () => {
    it('adds, changes and removes members with a project role', async () => {
      const svc = await withProject()
      await svc.createUser({ username: 'alice' })
      expect(
        await svc.addProjectMember('CUS', { username: 'alice', role: 'viewer' }),
      ).toMatchObject({ username: 'alice', role: 'viewer' })
      await svc.addProjectMember('CUS', { username: 'alice', role: 'editor' })
      expect((await svc.listProjectMembers('CUS')).map((m) => `${m.username}:${m.role}`)).toEqual([
        'admin:owner',
        'alice:editor',
      ])
      await expectError(
        svc.addProjectMember('CUS', { username: 'alice', role: 'god' as never }),
        'invalid',
        /invalid project role/,
      )
      await expectError(svc.addProjectMember('CUS', { username: 'x', role: 'viewer' }), 'not_found')
      await svc.removeProjectMember('CUS', 'alice')
      await expectError(svc.removeProjectMember('CUS', 'alice'), 'not_found')
    })

    it('keeps the last owner', async () => {
      const svc = await withProject()
      await expectError(svc.removeProjectMember('CUS', 'admin'), 'conflict', /last owner/)
      await expectError(
        svc.addProjectMember('CUS', { username: 'admin', role: 'viewer' }),
        'conflict',
        /last owner/,
      )
      await svc.createUser({ username: 'alice' })
      await svc.addProjectMember('CUS', { username: 'alice', role: 'owner' })
      await svc.removeProjectMember('CUS', 'admin')
      expect((await svc.listProjectMembers('CUS')).map((m) => m.username)).toEqual(['alice'])
    })

    it('gives teams a role on a project', async () => {
      const svc = await withProject()
      await svc.createTeam({ name: 'Platform' })
      expect(await svc.addProjectTeam('CUS', { team: 'platform', role: 'viewer' })).toMatchObject({
        team_name: 'Platform',
        role: 'viewer',
      })
      await svc.addProjectTeam('CUS', { team: 'Platform', role: 'owner' })
      expect(await svc.listProjectTeams('CUS')).toEqual([
        expect.objectContaining({ team_name: 'Platform', role: 'owner' }),
      ])
      expect((await svc.getTeam('Platform')).projects).toEqual([{ prefix: 'CUS', role: 'owner' }])
      await svc.removeProjectTeam('CUS', 'Platform')
      await expectError(svc.removeProjectTeam('CUS', 'Platform'), 'not_found')
      await expectError(svc.addProjectTeam('CUS', { team: 'Nope', role: 'viewer' }), 'not_found')
    })

    it('removes memberships with the project', async () => {
      const svc = await withProject()
      await svc.createTeam({ name: 'Platform' })
      await svc.addProjectTeam('CUS', { team: 'Platform', role: 'viewer' })
      await svc.deleteProject('CUS')
      expect((await svc.getTeam('Platform')).projects).toEqual([])
    })
  })

  describe(`${name}: stories`, () => {
    it('creates, lists, updates and deletes stories; tickets outlive them', async () => {
      const svc = await withProject()
      const s = await svc.createStory({
        project: 'cus',
        title: ' As a customer  I reset ',
        description: 'd',
      })
      expect(s).toMatchObject({
        project_prefix: 'CUS',
        title: 'As a customer I reset',
        status: 'draft',
        tickets: [],
        created_by: 'admin',
      })
      const s2 = await svc.createStory({ project: 'CUS', title: 'second' })
      expect((await svc.listStories({ project: 'CUS' })).map((x) => x.id)).toEqual([s2.id, s.id])
      expect(await svc.listStories({ project: 'TK' })).toEqual([])
      const t = await svc.createTicket({ project: 'CUS', title: 't' })
      await svc.linkStory(s.id, t.key)
      const linked = await svc.linkStory(s.id, t.key)
      expect(linked.tickets.map((x) => x.key)).toEqual([t.key])
      expect((await svc.getStory(s.id)).tickets[0]).toMatchObject({ key: t.key, title: 't' })
      expect((await svc.updateStory(s.id, { title: 'new', description: '' })).title).toBe('new')
      await svc.deleteStory(s.id)
      await expectError(svc.getStory(s.id), 'not_found')
      expect((await svc.getTicket(t.key)).title).toBe('t')
      await expectError(svc.createStory({ project: 'CUS', title: '  ' }), 'invalid')
      await expectError(svc.createStory({ project: 'NOPE', title: 'x' }), 'not_found')
    })

    it('follows the review path draft → ready_for_review → accepted → done', async () => {
      const svc = await withProject()
      const s = await svc.createStory({ project: 'CUS', title: 's' })
      await expectError(svc.updateStory(s.id, { status: 'done' }), 'conflict', /draft to done/)
      await expectError(svc.updateStory(s.id, { status: 'nope' as never }), 'invalid')
      for (const status of ['ready_for_review', 'accepted', 'done'] as const)
        expect((await svc.updateStory(s.id, { status })).status).toBe(status)
      expect((await svc.listStories({ project: 'CUS', status: 'done' })).length).toBe(1)
      expect((await svc.listStories({ project: 'CUS', status: 'draft' })).length).toBe(0)
      expect((await svc.updateStory(s.id, { status: 'accepted' })).status).toBe('accepted')
      expect((await svc.updateStory(s.id, { status: 'draft' })).status).toBe('draft')
    })

    it('links only tickets of the story’s project and unlinks; deleting a ticket drops its link', async () => {
      const svc = await withProject()
      const s = await svc.createStory({ project: 'CUS', title: 's' })
      const other = await svc.createTicket({ project: 'TK', title: 'elsewhere' })
      await expectError(svc.linkStory(s.id, other.key), 'conflict', /project TK/)
      const a = await svc.createTicket({ project: 'CUS', title: 'a' })
      const b = await svc.createTicket({ project: 'CUS', title: 'b' })
      await svc.linkStory(s.id, a.key)
      await svc.linkStory(s.id, b.key)
      expect((await svc.unlinkStory(s.id, a.key)).tickets.map((t) => t.key)).toEqual([b.key])
      await expectError(svc.unlinkStory(s.id, a.key), 'not_found')
      await svc.deleteTicket(b.key)
      expect((await svc.getStory(s.id)).tickets).toEqual([])
      expect((await svc.listStories({ project: 'CUS' }))[0]!.tickets).toEqual([])
      await expectError(svc.linkStory(9999, a.key), 'not_found')
    })
  })

  describe(`${name}: requirements and decisions`, () => {
    const withIdeas = async () => {
      const svc = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'Dark mode', type: 'requirement' })
      const b = await svc.createTicket({ project: 'CUS', title: 'Offline', type: 'requirement' })
      return { svc, a, b }
    }
    const keys = (ts: readonly { key: string }[]) => ts.map((t) => t.key)

    it('reviews requirements: accept completes the first stage, reject fails it', async () => {
      const { svc, a, b } = await withIdeas()
      expect(keys(await svc.listRequirements({ project: 'CUS' }))).toEqual([a.key, b.key])
      expect(
        keys(await svc.listRequirements({ project: 'CUS', review_status: 'proposed' })),
      ).toEqual([a.key, b.key])
      const accepted = await svc.reviewRequirement(a.key, { decision: 'accepted' })
      expect(accepted).toMatchObject({ review_status: 'accepted', status: 'develop/idle' })
      const rejected = await svc.reviewRequirement(b.key, {
        decision: 'rejected',
        reason: 'not now',
      })
      expect(rejected).toMatchObject({ review_status: 'rejected', status: 'design/fail' })
      expect((await svc.listComments(b.key)).map((c) => c.text)).toEqual(['rejected: not now'])
      expect(
        keys(await svc.listRequirements({ project: 'CUS', review_status: 'accepted' })),
      ).toEqual([a.key])
      expect(
        keys(await svc.listRequirements({ project: 'CUS', review_status: 'proposed' })),
      ).toEqual([])
      const events = await svc.listHistory({ ticket: b.key, limit: 0 })
      expect(events.map((e) => e.event_type)).toContain('requirement_reviewed')
    })

    it('revises a rejected requirement for another review', async () => {
      const { svc, b } = await withIdeas()
      await svc.reviewRequirement(b.key, { decision: 'rejected' })
      await expectError(
        svc.reviewRequirement(b.key, { decision: 'accepted' }),
        'conflict',
        /rejected/,
      )
      const revised = await svc.reviewRequirement(b.key, {
        decision: 'revised',
        title: 'Offline reading',
        acceptance_criteria: 'Articles open without network',
      })
      expect(revised).toMatchObject({
        review_status: 'revised',
        status: 'design/idle',
        title: 'Offline reading',
        acceptance_criteria: 'Articles open without network',
      })
      expect((await svc.reviewRequirement(b.key, { decision: 'accepted' })).review_status).toBe(
        'accepted',
      )
      await expectError(
        svc.reviewRequirement(b.key, { decision: 'revised' }),
        'conflict',
        /already accepted/,
      )
    })

    it('refuses reviewing what is not a requirement, and text changes outside a revision', async () => {
      const { svc, a } = await withIdeas()
      const task = await svc.createTicket({ project: 'CUS', title: 'task' })
      await expectError(
        svc.reviewRequirement(task.key, { decision: 'accepted' }),
        'invalid',
        /not a requirement/,
      )
      await expectError(
        svc.reviewRequirement(a.key, { decision: 'accepted', title: 'x' }),
        'invalid',
      )
      await expectError(svc.reviewRequirement(a.key, { decision: 'maybe' as never }), 'invalid')
      await expectError(
        svc.listRequirements({ project: 'CUS', review_status: 'maybe' as never }),
        'invalid',
      )
    })

    it('curates a requirement from tickets of one project, linked both ways', async () => {
      const svc = await withProject()
      const a = await svc.createTicket({ project: 'CUS', title: 'Reset is slow', priority: 2 })
      const b = await svc.createTicket({ project: 'CUS', title: 'Token expires', type: 'bug' })
      const r = await svc.curateRequirement({ sources: [a.key, b.key.toLowerCase()] })
      expect(r).toMatchObject({
        type: 'requirement',
        title: 'Reset is slow',
        review_status: 'proposed',
        priority: 2,
        status: 'design/idle',
      })
      expect(r.description).toBe(
        `Curated from:\n- ${a.key}: Reset is slow\n- ${b.key}: Token expires`,
      )
      const created = (await svc.listHistory({ ticket: r.key, limit: 0 }))[0]!
      expect(created.payload).toMatchObject({ curated_from: [a.key, b.key] })
      const back = await svc.listHistory({ ticket: b.key, limit: 0 })
      expect(back.at(-1)).toMatchObject({
        event_type: 'curated_into',
        payload: { requirement: r.key },
      })
      const titled = await svc.curateRequirement({
        sources: [a.key],
        title: 'Fast reset',
        description: 'Why',
      })
      expect(titled.description).toBe(`Why\n\nCurated from:\n- ${a.key}: Reset is slow`)
      const other = await svc.createTicket({ project: 'TK', title: 'elsewhere' })
      await expectError(svc.curateRequirement({ sources: [a.key, other.key] }), 'invalid', /span/)
      await expectError(svc.curateRequirement({ sources: [] }), 'invalid')
      await expectError(svc.curateRequirement({ sources: ['CUS-T-99'] }), 'not_found')
    })
  })
}
