/** @module `/api/chat/ws`: one LLM run per prompt, its output streamed back as it comes. */
import { Compile } from 'typebox/compile'
import type { WebSocket } from 'ws'
import { TicketError } from '../domain/errors.ts'
import type { App, RouteDeps } from './app-type.ts'
import { requireActor } from './auth.ts'
import { ChatInput, type ChatMessage } from './chat-protocol.ts'

const checkInput = Compile(ChatInput)
// The same exit status `timeout(1)` uses, as the reference does.
const OUT_OF_TIME = 124
// The status a shell gives a command it cannot find or run.
const CANNOT_START = 127

// Terminal escapes (CSI and OSC) and control characters other than tab and newlines.
const ESCAPES = new RegExp(
  [
    String.raw`\u001b\[[0-9;?]*[ -/]*[@-~]`,
    String.raw`\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)`,
    String.raw`\u001b[@-_]`,
    String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]`,
  ].join('|'),
  'g',
)
export const stripEscapes = (text: string) => text.replace(ESCAPES, '')

/**
 * Runs the chat command once for a prompt, streaming its output. The composition root
 * (start.ts) binds it to the configured LLM command, so routes never start processes themselves.
 */
export type RunChat = (o: {
  readonly prompt: string
  readonly timeoutMs: number
  readonly signal: AbortSignal
  readonly onStdout: (chunk: string) => void
  readonly onStderr: (chunk: string) => void
}) => Promise<{
  readonly exit_code: number | null
  readonly timed_out: boolean
  /** Set when the command could not be started at all. */
  readonly error?: string
}>

const send = (socket: WebSocket, m: ChatMessage) => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m))
}

export function chatRoutes(app: App, deps: RouteDeps & { readonly chat: RunChat }) {
  const { service, chat } = deps
  let running = 0

  app.get(
    '/api/chat/ws',
    {
      websocket: true,
      schema: { tags: ['live'] },
      // Refused before the upgrade: not signed in (401), or chat switched off (403).
      preValidation: async (req) => {
        requireActor(req)
        if (!(await service(req).chatSettings()).chat_enabled)
          throw new TicketError('forbidden', 'chat is disabled', {
            hint: 'an admin can turn it on: POST /api/config/chat {"chat_enabled": true}',
          })
      },
    },
    (socket, req) => {
      const svc = service(req)
      const connectedAt = Date.now()
      let current: AbortController | undefined
      socket.on('close', () => current?.abort())
      socket.on('message', async (data, isBinary) => {
        let input: unknown
        try {
          input = isBinary ? undefined : JSON.parse(data.toString())
        } catch {}
        if (!checkInput.Check(input) || input.text.trim() === '')
          return send(socket, { type: 'chat_error', error: 'invalid chat payload' })
        if (current)
          return send(socket, { type: 'chat_error', error: 'chat request already running' })
        const settings = await svc.chatSettings()
        if (!settings.chat_enabled)
          return send(socket, { type: 'chat_error', error: 'chat is disabled' })
        const leftMs = settings.chat_max_duration_seconds * 1000 - (Date.now() - connectedAt)
        const limit = `conversation limit reached (${settings.chat_max_duration_seconds} s)`
        if (leftMs <= 0) {
          send(socket, { type: 'chat_error', error: limit })
          return send(socket, { type: 'chat_exit', code: OUT_OF_TIME })
        }
        if (running >= settings.chat_max_connections)
          return send(socket, {
            type: 'chat_error',
            error: `chat capacity reached (${running}/${settings.chat_max_connections}); wait for an active chat to finish`,
          })
        current = new AbortController()
        running++
        send(socket, { type: 'chat_processing' })
        const output = (stream: 'stdout' | 'stderr') => (chunk: string) => {
          const text = stripEscapes(chunk)
          if (text !== '') send(socket, { type: 'chat_output', stream, text })
        }
        try {
          const run = await chat({
            prompt: input.text.trim(),
            timeoutMs: leftMs,
            signal: current.signal,
            onStdout: output('stdout'),
            onStderr: output('stderr'),
          })
          if (run.error) {
            send(socket, {
              type: 'chat_error',
              error: `unable to start the chat command: ${run.error}`,
            })
            // The turn is over: without an exit the client would wait for one forever.
            send(socket, { type: 'chat_exit', code: CANNOT_START })
          } else if (run.timed_out) {
            send(socket, { type: 'chat_error', error: limit })
            send(socket, { type: 'chat_exit', code: OUT_OF_TIME })
          } else
            send(
              socket,
              run.exit_code === 0
                ? { type: 'chat_exit' }
                : { type: 'chat_exit', code: run.exit_code ?? 1 },
            )
        } finally {
          running--
          current = undefined
        }
      })
      send(socket, { type: 'chat_connected' })
      send(socket, { type: 'chat_ready' })
    },
  )
}
