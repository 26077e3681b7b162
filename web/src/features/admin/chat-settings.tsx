import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FormEvent } from 'react'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'

/** Whether chat is on, how many LLM processes may run at once, and how long a conversation lasts. */
export function ChatSettings() {
  const qc = useQueryClient()
  const settings = useQuery({ queryKey: keys.chatSettings, queryFn: () => service.chatSettings() })
  const save = useMutation({
    mutationFn: (patch: Parameters<typeof service.setChatSettings>[0]) =>
      service.setChatSettings(patch),
    onSuccess: (s) => qc.setQueryData(['chat-settings'], s),
  })
  const s = settings.data
  if (!s) return <ErrorNote error={settings.error} />
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    save.mutate({
      chat_enabled: f.get('enabled') === 'on',
      chat_max_connections: Number(f.get('connections')),
      chat_max_duration_seconds: Number(f.get('minutes')) * 60,
    })
  }
  return (
    <form
      onSubmit={submit}
      className="card-form"
      aria-labelledby="chat-settings-h"
      key={JSON.stringify(s)}
    >
      <h2 id="chat-settings-h">Chat</h2>
      <label className="inline">
        <input type="checkbox" name="enabled" defaultChecked={s.chat_enabled} />
        Enable chat
      </label>
      <label>
        Chats running at once
        <input name="connections" type="number" min={1} defaultValue={s.chat_max_connections} />
      </label>
      <label>
        Longest conversation (minutes)
        <input
          name="minutes"
          type="number"
          min={1}
          defaultValue={Math.round(s.chat_max_duration_seconds / 60)}
        />
      </label>
      <button type="submit">Save chat settings</button>
      {save.isSuccess ? <p role="status">Saved.</p> : null}
      <ErrorNote error={save.error} />
    </form>
  )
}
