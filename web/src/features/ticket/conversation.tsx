import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useMemo } from 'react'
import { describeEvent } from '../../../../src/domain/describe-event.ts'
import type { ConversationEntry } from '../../../../src/domain/history.ts'
import type { Ticket } from '../../../../src/domain/ticket.ts'
import { keys } from '../../api/keys.ts'
import { useConversation, useTicket } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { formatMoment } from '../../components/dates.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { Markdown } from '../../components/markdown.tsx'

/**
 * Usernames in event payloads (assigned to …) shown by the names the conversation itself
 * carries: an agent's username is a UUID.
 */
function namesIn(
  entries: readonly ConversationEntry[],
  ticket: Ticket | undefined,
): (username: string) => string {
  const names = new Map<string, string>()
  if (ticket?.assignee && ticket.assignee_name) names.set(ticket.assignee, ticket.assignee_name)
  for (const e of entries)
    if (e.kind === 'comment') names.set(e.author, e.author_name ?? e.author)
    else names.set(e.actor, e.actor_name ?? e.actor)
  return (username) => names.get(username) ?? username
}

function Entry({ entry, nameOf }: { entry: ConversationEntry; nameOf: (u: string) => string }) {
  if (entry.kind === 'comment')
    return (
      <li className="comment">
        <p className="meta">
          <strong>{entry.author_name ?? entry.author}</strong> commented{' '}
          <time dateTime={entry.created_at}>{formatMoment(entry.created_at)}</time>
        </p>
        <Markdown source={entry.text} />
      </li>
    )
  return (
    <li className="event">
      <span className="meta">
        <strong>{entry.actor_name ?? entry.actor}</strong> {describeEvent(entry, nameOf)} ·{' '}
        <time dateTime={entry.created_at}>{formatMoment(entry.created_at)}</time>
      </span>
    </li>
  )
}

/** Comments and history interleaved by time, with the comment box at the end. */
export function Conversation({
  ticketKey,
  canComment,
}: {
  ticketKey: string
  canComment: boolean
}) {
  const qc = useQueryClient()
  const conversation = useConversation(ticketKey)
  const ticket = useTicket(ticketKey).data
  const nameOf = useMemo(
    () => namesIn(conversation.data ?? [], ticket),
    [conversation.data, ticket],
  )
  const comment = useMutation({
    mutationFn: (text: string) => service.addComment(ticketKey, text),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.conversation(ticketKey) }),
  })
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const text = String(new FormData(form).get('comment') ?? '').trim()
    if (text) comment.mutate(text, { onSuccess: () => form.reset() })
  }
  return (
    <section aria-labelledby="conv-h" className="conversation">
      <h2 id="conv-h">Conversation</h2>
      <ErrorNote error={conversation.error} />
      <ol>
        {conversation.data?.map((e) => (
          <Entry key={`${e.kind}-${e.id}`} entry={e} nameOf={nameOf} />
        ))}
      </ol>
      {canComment ? (
        <form onSubmit={submit}>
          <label htmlFor="comment-input">Comment (Markdown)</label>
          <textarea id="comment-input" name="comment" rows={3} />
          <button type="submit" disabled={comment.isPending}>
            Comment
          </button>
          <ErrorNote error={comment.error} />
        </form>
      ) : null}
    </section>
  )
}
