import { Type } from 'typebox'
import { Closed, Int, Long, Short } from './common.ts'

export const AgentParams = Closed({ id: Short('agent UUID') })
export const AgentConfigParams = Closed({ id: Short('agent UUID'), key: Short() })

export const NewAgentBody = Closed({
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  display_name: Type.Optional(Short()),
  description: Type.Optional(Long()),
})
export const AgentPasswordBody = Closed({
  password: Type.Optional(Type.String({ maxLength: 1024 })),
})
export const AgentConfigBody = Closed({ key: Short(), value: Type.String({ maxLength: 4000 }) })

export const HeartbeatBody = Type.Optional(
  Closed({
    status: Type.Optional(
      Type.Union(['idle', 'online', 'working', 'soliciting'].map((s) => Type.Literal(s))),
    ),
    /** A ticket the agent says it holds: refused, saying why, when it does not. */
    ticket: Type.Optional(Short('ticket key')),
  }),
)

export const WorkRequestBody = Type.Optional(
  Closed({
    project: Type.Optional(Short('prefix or id')),
    project_id: Type.Optional(Type.Union([Short(), Int()])),
    ticket: Type.Optional(Short('ticket key')),
    ticket_id: Type.Optional(Short('ticket key (the reference name)')),
    dry_run: Type.Optional(Type.Boolean()),
    config_updated_at: Type.Optional(Short('accepted for compatibility; ignored')),
  }),
)

export const AgentReportBody = Closed({
  result: Long('the LLM output'),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('fail')])),
  reason: Type.Optional(Short()),
  started_at: Type.Optional(Short()),
  ended_at: Type.Optional(Short()),
  wall_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e10 })),
  exit_code: Type.Optional(Type.Union([Int(), Type.Null()])),
})

export const ReleaseBody = Type.Optional(Closed({ reason: Type.Optional(Short()) }))

export const BreakdownBody = Closed({
  tickets: Type.Array(
    Closed({
      type: Type.Optional(Short()),
      title: Short(),
      description: Type.Optional(Long()),
      acceptance_criteria: Type.Optional(Long()),
    }),
    { minItems: 1, maxItems: 20 },
  ),
})

export const ChatSettingsBody = Closed({
  chat_enabled: Type.Optional(Type.Boolean()),
  chat_max_connections: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  chat_max_duration_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

export const ChatLimitsBody = Closed({
  max_connections: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  max_duration_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
})
