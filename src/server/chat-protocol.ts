/** @module The `/api/chat/ws` wire protocol (reference/api.md §5.2), shared with clients. */
import { type Static, Type } from 'typebox'

/** What a client sends: one prompt at a time. */
export const ChatInput = Type.Object(
  { type: Type.Literal('chat_input'), text: Type.String({ maxLength: 100_000 }) },
  { additionalProperties: false },
)
export type ChatInput = Static<typeof ChatInput>

/** What the server sends, in order: connected, ready, then per prompt processing → output… → exit. */
export type ChatMessage =
  | { readonly type: 'chat_connected' | 'chat_ready' | 'chat_processing' }
  | { readonly type: 'chat_output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  /** `code` is absent when the LLM exited cleanly; 124 when the conversation ran out of time. */
  | { readonly type: 'chat_exit'; readonly code?: number }
  | { readonly type: 'chat_error'; readonly error: string }
