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
export const NewStageBody = NewStage
export const ReorderBody = Closed({
  stages: Type.Array(Short('stage name or id'), { maxItems: 100 }),
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
  name: Short(),
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

export const NewTeamBody = Closed({
  name: Short(),
  description: Type.Optional(Long()),
  parent: Type.Optional(Short('parent team id or name')),
})
export const TeamPatchBody = Closed({
  name: Type.Optional(Short()),
  description: Type.Optional(Long()),
  parent: Type.Optional(Type.Union([Short(), Type.Null()])),
})
export const TeamMemberBody = Closed({
  username: Short(),
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
  username: Short(),
  role: Short('viewer, editor or owner'),
})
export const ProjectTeamBody = Closed({ team: Short(), role: Short('viewer, editor or owner') })
export const ProjectTeamParams = Closed({ project: Short(), team: Short() })

export const NewStoryBody = Closed({
  project: Short(),
  title: Short(),
  description: Type.Optional(Long()),
})
export const StoryPatchBody = Closed({
  title: Type.Optional(Short()),
  description: Type.Optional(Long()),
  status: Type.Optional(Short()),
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
