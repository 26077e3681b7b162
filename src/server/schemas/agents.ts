import { Type } from 'typebox'
import { Closed, Short } from './common.ts'

export const NewAgentBody = Closed({
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  display_name: Type.Optional(Short()),
})
export const AgentParams = Closed({ id: Short('the agent UUID') })
export const HeartbeatBody = Closed({ status: Type.Optional(Short('idle or working')) })
