/**
 * @module Messages between the threads of one server over a SQLite file (decision 0051): a
 * `BroadcastChannel` of worker_threads, in place of PostgreSQL's LISTEN/NOTIFY between servers.
 */
import type { Broadcast } from '../store.ts'

// Messages are copied between threads, not sent over a wire: a ticket of any length travels.
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024

export type ChannelBroadcast = Broadcast & {
  /** Stops sending; listeners stop with the function `listen` returned. */
  close(): void
}

export function channelBroadcast(name: string): ChannelBroadcast {
  const { BroadcastChannel } = process.getBuiltinModule('node:worker_threads')
  const out = new BroadcastChannel(name)
  // The server's sockets keep the thread alive, not its channels.
  out.unref()
  return {
    maxBytes: MAX_MESSAGE_BYTES,
    send: async (message) => {
      out.postMessage(message)
    },
    listen: async (onMessage) => {
      const channel = new BroadcastChannel(name)
      channel.unref()
      channel.onmessage = (event) => onMessage((event as { data: string }).data)
      return async () => channel.close()
    },
    close: () => out.close(),
  }
}
