import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { request } from '../../api/request.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Unavailable } from './unavailable.tsx'

type Item = Record<string, unknown>

const idOf = (item: Item) =>
  String(item.id ?? item.team_id ?? item.role_id ?? item.workflow_id ?? item.name ?? '')

/** Teams, roles and workflows: list, create by name, delete; the same shape for each. */
export function Collection(props: { title: string; path: string; nameField: string }) {
  const qc = useQueryClient()
  const key = ['admin', props.path]
  const list = useQuery({ queryKey: key, queryFn: () => request<Item[]>('GET', props.path) })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  })
  if (list.isError) return <Unavailable title={props.title} error={list.error} />
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim()
    if (name) change.mutate(() => request('POST', props.path, { [props.nameField]: name }))
    e.currentTarget.reset()
  }
  return (
    <>
      <h1>{props.title}</h1>
      <ul>
        {list.data?.map((item) => (
          <li key={idOf(item)}>
            {String(item[props.nameField] ?? idOf(item))}{' '}
            {typeof item.description === 'string' && item.description ? (
              <span className="muted">{item.description}</span>
            ) : null}{' '}
            <button
              type="button"
              className="small"
              onClick={() =>
                change.mutate(() =>
                  request('DELETE', `${props.path}/${encodeURIComponent(idOf(item))}`),
                )
              }
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="row">
        <label>
          New {props.nameField}
          <input name="name" required />
        </label>
        <button type="submit">Create</button>
      </form>
      <ErrorNote error={change.error} />
    </>
  )
}
