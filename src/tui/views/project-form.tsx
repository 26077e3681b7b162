import { Text } from 'ink'
import { useRef } from 'react'
import { type FieldSpec, Form } from '../components/form.tsx'
import { useTui } from '../context.ts'
import { useAsync } from '../hooks/use-async.ts'

const text = (name: string, label: string, kind: 'text' | 'textarea' = 'text'): FieldSpec => ({
  name,
  label,
  kind,
})

// reference/ui.md §3.2: the project form calls acceptance criteria and notes the
// definitions of ready and of done.
const EDIT_FIELDS = [
  text('title', 'Title'),
  text('description', 'Description', 'textarea'),
  text('acceptance_criteria', 'Def of ready', 'textarea'),
  text('notes', 'Def of done', 'textarea'),
]
const NEW_FIELDS = [text('prefix', 'Prefix'), ...EDIT_FIELDS]

/** Creates a project (`prefix` undefined) or edits one; `done` names a created project to switch to. */
export function ProjectForm(props: {
  prefix: string | undefined
  width: number
  height: number
  done: (text: string | undefined, created?: string) => void
}) {
  const { service, theme } = useTui()
  const { prefix } = props
  const loaded = useAsync(
    () => (prefix ? service.getProject(prefix) : Promise.resolve(undefined)),
    [prefix],
  )
  const size = { width: props.width, height: props.height }
  const created = useRef<string | undefined>(undefined)
  if (!prefix)
    return (
      <Form
        {...size}
        title="New project"
        fields={NEW_FIELDS}
        initial={{}}
        done={(text) => props.done(text, created.current)}
        submit={async (v) => {
          const p = await service.createProject({
            prefix: v.prefix ?? '',
            title: v.title ?? '',
            description: v.description ?? '',
            acceptance_criteria: v.acceptance_criteria ?? '',
            notes: v.notes ?? '',
          })
          created.current = p.prefix
          return `created project ${p.prefix}; using it`
        }}
      />
    )
  const p = loaded.data
  if (!p) return <Text color={theme.muted}>{loaded.error ? String(loaded.error) : 'loading…'}</Text>
  return (
    <Form
      {...size}
      title={`Edit project ${p.prefix}`}
      fields={EDIT_FIELDS}
      initial={{
        title: p.title,
        description: p.description,
        acceptance_criteria: p.acceptance_criteria,
        notes: p.notes,
      }}
      done={props.done}
      submit={async (v) => {
        await service.updateProject(p.prefix, {
          title: v.title ?? '',
          description: v.description ?? '',
          acceptance_criteria: v.acceptance_criteria ?? '',
          notes: v.notes ?? '',
        })
        return `saved project ${p.prefix}`
      }}
    />
  )
}
