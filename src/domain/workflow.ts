import { DEFAULT_STAGES } from './lifecycle.ts'

export type WorkflowStage = {
  readonly id: number
  readonly workflow_id: number
  readonly position: number
  readonly name: string
  readonly description: string
  readonly role_id: number | null
}

export type Workflow = {
  readonly id: number
  readonly name: string
  readonly description: string
  readonly stages: readonly WorkflowStage[]
  readonly created_at: string
}

export const DEFAULT_WORKFLOW = {
  name: 'default',
  description: 'Standard engineering lifecycle',
  stages: DEFAULT_STAGES,
} as const

export const stageNames = (w: Workflow | undefined): readonly string[] =>
  w && w.stages.length > 0 ? w.stages.map((s) => s.name) : DEFAULT_STAGES
