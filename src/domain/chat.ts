/** @module The `/api/chat/ws` messages (reference/api.md §5.2), for the server and its clients. */

/** What a client sends: one prompt at a time. */
export type ChatInputMessage = { readonly type: 'chat_input'; readonly text: string }

/** What the server sends, in order: connected, ready, then per prompt processing → output… → exit. */
export type ChatMessage =
  | { readonly type: 'chat_connected' | 'chat_ready' | 'chat_processing' }
  | { readonly type: 'chat_output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  /** `code` is absent when the LLM exited cleanly; 124 when the conversation ran out of time. */
  | { readonly type: 'chat_exit'; readonly code?: number }
  | { readonly type: 'chat_error'; readonly error: string }
