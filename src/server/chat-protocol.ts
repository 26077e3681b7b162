/** @module What `/api/chat/ws` accepts, checked at the edge (the replies: domain/chat.ts). */
import { type Static, Type } from 'typebox'

export const ChatInput = Type.Object(
  { type: Type.Literal('chat_input'), text: Type.String({ maxLength: 100_000 }) },
  { additionalProperties: false },
)
export type ChatInput = Static<typeof ChatInput>

export type { ChatMessage } from '../domain/chat.ts'
