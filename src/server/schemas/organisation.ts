import { Type } from 'typebox'
import { Closed, Int, Long, Short } from './common.ts'

const NewStage = Closed({
  name: Short(),
  description: Type.Optional(Long()),
  role: Type.Optional(Short('a role id or name')),
  position: Type.Optional(Int('0-based place among the stages')),
})

export const NewWorkflowBody = Closed({
  name: Short(),
  description: Type.Optional(Long()),
  stages: Type.Optional(Type.Array(NewStage, { maxItems: 100 })),
})
export const NewStageBody = Closed({
  name: Type.Optional(Short('required, as name or stage_name')),
  stage_name: Type.Optional(Short("the reference's name for name")),
  description: Type.Optional(Long()),
  role: Type.Optional(Short('a role id or name')),
  role_id: Type.Optional(
    Type.Union([Int(), Type.Null()], { description: "the reference's name for role: a role id" }),
  ),
  position: Type.Optional(Int('0-based place among the stages')),
  sort_order: Type.Optional(Int("the reference's name for position")),
})
export const ReorderBody = Closed({
  stages: Type.Optional(Type.Array(Short('stage name or id'), { maxItems: 100 })),
  stage_ids: Type.Optional(
    Type.Array(Int(), { maxItems: 100, description: "the reference's name for stages: stage ids" }),
  ),
})
export const WorkflowExportBody = Type.Unknown({
  description:
    'a workflow export: {"name", "description", "stages": [{"stage_name", "description", "role", "sort_order"}]}',
})
export const ImportQuery = Closed({ name: Type.Optional(Short('store under this name')) })
export const SetWorkflowBody = Closed({
  workflow: Type.Optional(Short('workflow id or name')),
  workflow_id: Type.Optional(Type.Union([Int(), Short()], { description: 'alias of workflow' })),
})
export const RefParams = Closed({ ref: Short('id or name') })
export const StageParams = Closed({ ref: Short(), stage: Short() })

export const NewRoleBody = Closed({
  name: Type.Optional(
    Short('required unless title is sent: the reference names a role by its title alone'),
  ),
  title: Type.Optional(Short()),
  motivation: Type.Optional(Long()),
  goals: Type.Optional(Long()),
})
export const RolePatchBody = Closed({
  name: Type.Optional(Short()),
  title: Type.Optional(Short()),
  motivation: Type.Optional(Long()),
  goals: Type.Optional(Long()),
})
export const ForceQuery = Closed({ force: Type.Optional(Type.Boolean()) })

export const NewUserBody = Closed({
  username: Short(),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  role: Type.Optional(Short('admin or user')),
  user_type: Type.Optional(Short('user or agent')),
  display_name: Type.Optional(Short()),
  email: Type.Optional(Short()),
})
export const UsersQuery = Closed({ include_agents: Type.Optional(Type.Boolean()) })
export const OptionalPasswordBody = Closed({
  password: Type.Optional(Type.String({ maxLength: 1024 })),
})

const ParentTeamId = Type.Optional(
  Type.Union([Int(), Type.Null()], {
    description: "the reference's name for parent: a team id, or null for none",
  }),
)
const UserId = Type.Optional(Short("the reference's name for username: the user's id or username"))
export const NewTeamBody = Closed({
  name: Short(),
  description: Type.Optional(Long()),
  parent: Type.Optional(Short('parent team id or name')),
  parent_team_id: ParentTeamId,
})
export const TeamPatchBody = Closed({
  name: Type.Optional(Short()),
  description: Type.Optional(Long()),
  parent: Type.Optional(Type.Union([Short(), Type.Null()])),
  parent_team_id: ParentTeamId,
})
export const TeamMemberBody = Closed({
  username: Type.Optional(Short('required, as username or user_id')),
  user_id: UserId,
  role: Type.Optional(Short('member or owner')),
  job_title: Type.Optional(Short()),
})
export const TeamAgentBody = Closed({
  agent: Type.Optional(Short('the agent user')),
  agent_id: Type.Optional(Short("the agent's id (the reference's name for agent)")),
})
export const TeamMemberParams = Closed({ ref: Short(), username: Short() })
export const TeamAgentParams = Closed({ ref: Short(), agent: Short() })

export const ProjectMemberBody = Closed({
  username: Type.Optional(Short('required, as username or user_id')),
  user_id: UserId,
  role: Short('viewer, editor or owner'),
})
export const ProjectTeamBody = Closed({
  team: Type.Optional(Short('team id or name; required, as team or team_id')),
  team_id: Type.Optional(
    Type.Union([Int(), Short()], { description: "the reference's name for team: a team id" }),
  ),
  role: Short('viewer, editor or owner'),
})
export const ProjectTeamParams = Closed({ project: Short(), team: Short() })

export const NewStoryBody = Closed({
  project: Type.Optional(Short('project prefix or id; required, as project or project_id')),
  project_id: Type.Optional(
    Type.Union([Int(), Short()], { description: "the reference's name for project" }),
  ),
  title: Short(),
  description: Type.Optional(Long()),
})
export const StoryPatchBody = Closed({
  title: Type.Optional(Short()),
  description: Type.Optional(Long()),
  status: Type.Optional(Short()),
  // The original's PUT sends its create body back; a story cannot move project.
  project_id: Type.Optional(
    Type.Union([Int(), Short()], { description: "the story's own project (it cannot move)" }),
  ),
})
export const StoryParams = Closed({ id: Type.Integer({ minimum: 1, maximum: 1e12 }) })
export const StoryTicketParams = Closed({
  id: Type.Integer({ minimum: 1, maximum: 1e12 }),
  ticket: Short(),
})
export const StoryTicketBody = Closed({ ticket: Short() })
export const StoriesQuery = Closed({ status: Type.Optional(Short()) })

export const RequirementsQuery = Closed({ review_status: Type.Optional(Short()) })
export const ReviewBody = Closed({
  decision: Short('accepted, rejected or revised'),
  reason: Type.Optional(Long()),
  title: Type.Optional(Short()),
  description: Type.Optional(Long()),
  acceptance_criteria: Type.Optional(Long()),
})
export const CurateBody = Closed({
  sources: Type.Array(Short(), { minItems: 1, maxItems: 1000 }),
  title: Type.Optional(Short()),
  description: Type.Optional(Long()),
  acceptance_criteria: Type.Optional(Long()),
})
