import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { Link, useLocation } from 'wouter'
import type { StoryStatus } from '../../../../src/domain/story.ts'
import { keys } from '../../api/keys.ts'
import { useCanWrite } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Markdown } from '../../components/markdown.tsx'

// domain/story.ts: the moves a story's status allows from each status.
const NEXT: Record<StoryStatus, readonly StoryStatus[]> = {
  draft: ['ready_for_review'],
  ready_for_review: ['accepted', 'draft'],
  accepted: ['done', 'draft'],
  done: ['accepted'],
}

const text = (e: FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(e.currentTarget).get(name) ?? '').trim()

function StoryDetail(props: { id: number; editable: boolean; onChanged: () => void }) {
  const qc = useQueryClient()
  const key = keys.story(props.id)
  const story = useQuery({ queryKey: key, queryFn: () => service.getStory(props.id) })
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: key })
      props.onChanged()
    },
  })
  if (!story.data) return <ErrorNote error={story.error} />
  const s = story.data
  return (
    <section className="card-form" aria-labelledby="story-h">
      <h2 id="story-h">{s.title}</h2>
      <p>
        Status: <strong>{s.status.replace(/_/g, ' ')}</strong>
      </p>
      {props.editable ? (
        <div className="row wrap">
          {NEXT[s.status].map((to) => (
            <button
              key={to}
              type="button"
              onClick={() => change.mutate(() => service.updateStory(s.id, { status: to }))}
            >
              Move to {to.replace(/_/g, ' ')}
            </button>
          ))}
        </div>
      ) : null}
      <Markdown source={s.description} empty="No description." />
      <h3>Tickets</h3>
      <ul>
        {s.tickets.map((t) => (
          <li key={t.key}>
            <Link href={`/t/${t.key}`}>{t.key}</Link> {t.title}{' '}
            <span className="muted">{t.status}</span>
            {props.editable ? (
              <button
                type="button"
                className="small"
                onClick={() => change.mutate(() => service.unlinkStory(s.id, t.key))}
              >
                Unlink {t.key}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {props.editable ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const ticket = text(e, 'ticket')
            if (ticket) change.mutate(() => service.linkStory(s.id, ticket))
            e.currentTarget.reset()
          }}
        >
          <label>
            Link a ticket
            <input name="ticket" size={12} placeholder="key" required />
          </label>
          <button type="submit">Link</button>
        </form>
      ) : null}
      {props.editable ? (
        <button
          type="button"
          disabled={change.isPending}
          onClick={() => change.mutate(() => service.analyseStory(s.id))}
        >
          Analyse into tickets
        </button>
      ) : null}
      <ErrorNote error={change.error} />
    </section>
  )
}

/**
 * Stories: the user-facing outcomes a project works toward, each linked to its tickets. The
 * opened story is part of the address (`/p/CUS/stories/4`), so it can be linked and reloaded.
 */
export default function StoriesPage({ prefix, storyId }: { prefix: string; storyId?: number }) {
  const qc = useQueryClient()
  const editable = useCanWrite(prefix)
  const [, navigate] = useLocation()
  const open = storyId ?? null
  const setOpen = (id: number) => navigate(`/p/${prefix}/stories/${id}`)
  const key = keys.stories(prefix)
  const stories = useQuery({
    queryKey: key,
    queryFn: () => service.listStories({ project: prefix }),
  })
  const create = useMutation({
    mutationFn: (input: { title: string; description: string }) =>
      service.createStory({ project: prefix, ...input }),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: key })
      setOpen(s.id)
    },
  })
  return (
    <section className="page">
      <h1>{prefix} stories</h1>
      <ErrorNote error={stories.error} />
      <ul className="rows">
        {stories.data?.map((s) => (
          <li key={s.id}>
            <Link href={`/p/${prefix}/stories/${s.id}`} className="row-name">
              {s.title}
            </Link>{' '}
            <span className="muted">
              {s.status.replace(/_/g, ' ')} · {s.tickets.length} tickets
            </span>
          </li>
        ))}
        {stories.data?.length === 0 ? <li>No stories.</li> : null}
      </ul>
      {open !== null ? (
        <StoryDetail
          key={open}
          id={open}
          editable={editable}
          onChanged={() => qc.invalidateQueries({ queryKey: key })}
        />
      ) : null}
      {editable ? (
        <form
          className="card-form"
          onSubmit={(e) => {
            e.preventDefault()
            create.mutate({ title: text(e, 'title'), description: text(e, 'description') })
            e.currentTarget.reset()
          }}
        >
          <h2>New story</h2>
          <label>
            Title
            <input name="title" required />
          </label>
          <label>
            Description (Markdown)
            <textarea name="description" rows={3} />
          </label>
          <button type="submit">Create story</button>
          <ErrorNote error={create.error} />
        </form>
      ) : null}
    </section>
  )
}
