import { useQuery } from '@tanstack/react-query'
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react'
import type { ChatInputMessage, ChatMessage } from '../../../../src/domain/chat.ts'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { EmptyState } from '../../components/states.tsx'

type Bubble = { readonly id: number; readonly role: 'user' | 'assistant' | 'system'; text: string }

/**
 * The chat panel (api.md "Chat"): prompts go to the server's LLM command over /api/chat/ws and
 * its answer streams back. Shown as plain text, as the LLM's output is not ours to trust.
 */
export default function ChatPage() {
  const settings = useQuery({ queryKey: keys.chatSettings, queryFn: () => service.chatSettings() })
  const [bubbles, setBubbles] = useState<Bubble[]>([])
  const [busy, setBusy] = useState(false)
  const [ready, setReady] = useState(false)
  const socket = useRef<WebSocket | null>(null)
  const nextId = useRef(0)
  const enabled = settings.data?.chat_enabled === true

  const add = useCallback(
    (role: Bubble['role'], text: string) =>
      setBubbles((b) => [...b, { id: nextId.current++, role, text }]),
    [],
  )

  useEffect(() => {
    if (!enabled) return
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
    // The session cookie authenticates the upgrade.
    const ws = new WebSocket(`${proto}//${window.location.host}/api/chat/ws`)
    socket.current = ws
    ws.onopen = () => setReady(true)
    ws.onclose = () => {
      setReady(false)
      setBusy(false)
    }
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as ChatMessage
      switch (m.type) {
        case 'chat_processing':
          setBusy(true)
          return add('assistant', '')
        case 'chat_output':
          // Chunks append to the answer being written.
          return setBubbles((b) => {
            const last = b.at(-1)
            if (last?.role !== 'assistant')
              return [...b, { id: nextId.current++, role: 'assistant', text: m.text }]
            return [...b.slice(0, -1), { ...last, text: last.text + m.text }]
          })
        case 'chat_error':
          // An error ends the turn even if no exit follows (an older server sends none).
          setBusy(false)
          // The answer that never started leaves no empty bubble behind.
          return setBubbles((b) => {
            const last = b.at(-1)
            const kept = last?.role === 'assistant' && last.text === '' ? b.slice(0, -1) : b
            return [...kept, { id: nextId.current++, role: 'system', text: m.error }]
          })
        case 'chat_exit':
          setBusy(false)
          // A start failure or time limit was already explained by its chat_error.
          if (m.code && m.code !== 124 && m.code !== 127)
            add('system', `the LLM stopped with code ${m.code}`)
          return
        default:
          return
      }
    }
    return () => ws.close()
  }, [enabled, add])

  /** Sends a prompt; the field is cleared only when it was sent, so nothing typed is lost. */
  const send = (area: HTMLTextAreaElement) => {
    const t = area.value.trim()
    if (!t || !socket.current || busy) return
    const msg: ChatInputMessage = { type: 'chat_input', text: t }
    socket.current.send(JSON.stringify(msg))
    add('user', t)
    area.value = ''
  }
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.shiftKey) return
    e.preventDefault()
    send(e.currentTarget)
  }

  return (
    <section className="page chat">
      <h1>Chat</h1>
      <ErrorNote error={settings.error} />
      {settings.data && !enabled ? (
        <div role="status">
          <EmptyState icon="off" title="Chat is turned off">
            <p>Chat is disabled by an administrator.</p>
          </EmptyState>
        </div>
      ) : null}
      <ol className="chat-thread" aria-live="polite">
        {bubbles.map((b) => (
          <li key={b.id} className={`bubble ${b.role}`}>
            <span className="sr-only">
              {b.role === 'user' ? 'You' : b.role === 'assistant' ? 'Answer' : 'Note'}:{' '}
            </span>
            {b.text || (busy ? 'Thinking…' : '')}
          </li>
        ))}
      </ol>
      {/* A turned-off chat offers no message box to type into. */}
      <form
        hidden={Boolean(settings.data) && !enabled}
        onSubmit={(e) => {
          e.preventDefault()
          send(e.currentTarget.elements.namedItem('prompt') as HTMLTextAreaElement)
        }}
      >
        <label htmlFor="chat-input">Message (Enter sends, Shift+Enter for a new line)</label>
        <textarea
          id="chat-input"
          name="prompt"
          rows={3}
          disabled={!enabled || !ready}
          onKeyDown={onKey}
        />
        <button type="submit" disabled={!enabled || !ready || busy}>
          Send
        </button>
      </form>
    </section>
  )
}
