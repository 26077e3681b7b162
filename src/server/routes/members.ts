/** @module Routes for a project's members: the users and teams it grants roles to. */
import type { ProjectRole } from '../../domain/access.ts'
import type { App, RouteDeps } from '../app-type.ts'
import { ProjectParams } from '../schemas/common.ts'
import { ProjectMemberBody, ProjectTeamBody, ProjectTeamParams } from '../schemas/organisation.ts'
import { MemberParams } from '../schemas/projects.ts'
import { either, keys, memberNamed, required, userOf } from './aliases.ts'

export function memberRoutes(app: App, { service }: RouteDeps): void {
  const tags = ['projects']
  const params = ProjectParams
  app.get('/api/projects/:project/users', { schema: { tags, params } }, (req) =>
    service(req).listProjectMembers(req.params.project),
  )
  app.post(
    '/api/projects/:project/users',
    { schema: { tags, params, body: ProjectMemberBody } },
    async (req) => {
      const svc = service(req)
      return svc.addProjectMember(req.params.project, {
        username: await userOf(svc, req, req.body),
        role: req.body.role as ProjectRole,
      })
    },
  )
  app.delete(
    '/api/projects/:project/users/:username',
    { schema: { tags, params: MemberParams } },
    async (req) => {
      const svc = service(req)
      const { project, username } = req.params
      await svc.removeProjectMember(
        project,
        await memberNamed(username, () => svc.listProjectMembers(project)),
      )
      return { status: 'deleted' }
    },
  )
  app.get('/api/projects/:project/teams', { schema: { tags, params } }, (req) =>
    service(req).listProjectTeams(req.params.project),
  )
  app.post(
    '/api/projects/:project/teams',
    { schema: { tags, params, body: ProjectTeamBody } },
    async (req) => {
      const svc = service(req)
      const b = req.body
      const team = await either(['team', b.team], ['team_id', b.team_id], keys(svc).team)
      return svc.addProjectTeam(req.params.project, {
        team: required(team, 'team', 'Platform'),
        role: b.role as ProjectRole,
      })
    },
  )
  app.delete(
    '/api/projects/:project/teams/:team',
    { schema: { tags, params: ProjectTeamParams } },
    async (req) => {
      await service(req).removeProjectTeam(req.params.project, req.params.team)
      return { status: 'deleted' }
    },
  )
}
