import { Text } from 'ink'
import { isFinalStage, STATES } from '../../domain/lifecycle.ts'
import { TICKET_TYPES, type TicketDetail, type TicketType } from '../../domain/ticket.ts'
import type { TicketPatch, TicketService } from '../../service/ticket-service.ts'
import { type FieldSpec, Form, type FormValues } from '../components/form.tsx'
import { useTui } from '../context.ts'
import { useAsync } from '../hooks/use-async.ts'
import { confirmation } from '../ticket-actions.ts'

const PRIORITIES = ['1', '2', '3', '4', '5', '6', '7', '8', '9']

const text = (name: string, label: string): FieldSpec => ({ name, label, kind: 'text' })
const area = (name: string, label: string): FieldSpec => ({ name, label, kind: 'textarea' })

const NEW_FIELDS: FieldSpec[] = [
  text('title', 'Title'),
  { name: 'type', label: 'Type', kind: 'choice', options: TICKET_TYPES },
  { name: 'priority', label: 'Priority', kind: 'choice', options: PRIORITIES },
  text('parent', 'Parent'),
  text('assignee', 'Assignee'),
  area('description', 'Description'),
  area('acceptance_criteria', 'Acceptance criteria'),
]

/** Every valid `stage/state` of a workflow (domain.md: the final stage takes only success or fail). */
export const statusChoices = (stages: readonly string[]): string[] =>
  stages.flatMap((stage) =>
    STATES.filter((s) => !isFinalStage(stage, stages) || s === 'success' || s === 'fail').map(
      (s) => `${stage}/${s}`,
    ),
  )

const editFields = (t: TicketDetail): FieldSpec[] => [
  text('title', 'Title'),
  { name: 'status', label: 'Status', kind: 'choice', options: statusChoices(t.stages) },
  { name: 'priority', label: 'Priority', kind: 'choice', options: PRIORITIES },
  text('parent', 'Parent'),
  text('assignee', 'Assignee'),
  area('description', 'Description'),
  area('acceptance_criteria', 'Acceptance criteria'),
]

type Mode = { mode: 'new'; type: TicketType } | { mode: 'edit'; key: string }

/** Creates a ticket in the active project, or edits one (title, status, priority, people, text). */
export function TicketForm(props: {
  mode: Mode
  width: number
  height: number
  done: (text: string | undefined) => void
}) {
  const { service, project, theme } = useTui()
  const key = props.mode.mode === 'edit' ? props.mode.key : undefined
  const loaded = useAsync(() => (key ? service.getTicket(key) : Promise.resolve(undefined)), [key])
  const size = { width: props.width, height: props.height, done: props.done }
  if (props.mode.mode === 'new')
    return (
      <Form
        {...size}
        title={`New ticket in ${project}`}
        fields={NEW_FIELDS}
        initial={{ type: props.mode.type, priority: '3' }}
        submit={async (v) => {
          const t = await service.createTicket({
            project: project!,
            title: v.title ?? '',
            type: v.type as TicketType,
            priority: Number(v.priority),
            ...(v.parent?.trim() ? { parent: v.parent.trim() } : {}),
            ...(v.assignee?.trim() ? { assignee: v.assignee.trim() } : {}),
            description: v.description ?? '',
            acceptance_criteria: v.acceptance_criteria ?? '',
          })
          return `created ${confirmation(t)}`
        }}
      />
    )
  const t = loaded.data
  if (!t) return <Text color={theme.muted}>{loaded.error ? String(loaded.error) : 'loading…'}</Text>
  return (
    <Form
      {...size}
      title={`Edit ${t.key}`}
      fields={editFields(t)}
      initial={{
        title: t.title,
        status: t.status,
        priority: String(t.priority),
        parent: t.parent_id ?? '',
        assignee: t.assignee ?? '',
        description: t.description,
        acceptance_criteria: t.acceptance_criteria,
      }}
      submit={(v) => saveEdit(service, t, v)}
    />
  )
}

/** Sends only what changed, each through the service call that owns its rule. */
async function saveEdit(service: TicketService, t: TicketDetail, v: FormValues): Promise<string> {
  const patch: { -readonly [K in keyof TicketPatch]: TicketPatch[K] } = {}
  if (v.title !== t.title) patch.title = v.title ?? ''
  if (v.description !== t.description) patch.description = v.description ?? ''
  if (v.acceptance_criteria !== t.acceptance_criteria)
    patch.acceptance_criteria = v.acceptance_criteria ?? ''
  if (Number(v.priority) !== t.priority) patch.priority = Number(v.priority)
  const parent = v.parent?.trim() ?? ''
  if (parent !== (t.parent_id ?? ''))
    await (parent ? service.setParent(t.key, parent) : service.unsetParent(t.key))
  const assignee = v.assignee?.trim() ?? ''
  if (assignee !== (t.assignee ?? ''))
    await (assignee ? service.assign(t.key, assignee) : service.unassign(t.key))
  if (v.status !== t.status) patch.status = v.status ?? ''
  if (Object.keys(patch).length > 0) await service.updateTicket(t.key, patch)
  return `saved ${confirmation(await service.getTicket(t.key))}`
}
