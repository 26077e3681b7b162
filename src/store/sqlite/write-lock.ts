/**
 * @module One writer at a time among the threads of one server (decision 0051), without
 * blocking any event loop.
 *
 * SQLite lets one connection write at a time: a second thread's BEGIN IMMEDIATE would wait in
 * SQLite's busy handler, which sleeps on that thread and holds every request it serves. Here
 * a write waits for a word of shared memory instead, with `Atomics.waitAsync`, and its thread
 * goes on serving reads meanwhile. Within a thread, writers queue in order and only the first
 * of them waits on the word.
 */
export type WriteLock = {
  /** Runs `fn` once no other thread writes, and holds every other thread's writes until it ends. */
  run<T>(fn: () => Promise<T>): Promise<T>
}

const FREE = 0
const TAKEN = 1

export function writeLock(shared: SharedArrayBuffer): WriteLock {
  const word = new Int32Array(shared, 0, 1)
  let queue: Promise<void> = Promise.resolve()
  const take = async () => {
    while (Atomics.compareExchange(word, 0, FREE, TAKEN) !== FREE) {
      // Returns at once, not-equal, should the holder have let go since the exchange.
      const waited = Atomics.waitAsync(word, 0, TAKEN)
      if (waited.async) await waited.value
    }
  }
  const release = () => {
    Atomics.store(word, 0, FREE)
    Atomics.notify(word, 0, 1)
  }
  return {
    run: async (fn) => {
      const before = queue
      let done!: () => void
      queue = new Promise((resolve) => {
        done = resolve
      })
      try {
        await before
        await take()
        try {
          return await fn()
        } finally {
          release()
        }
      } finally {
        done()
      }
    },
  }
}
