/**
 * @module Group commit on PostgreSQL (decision 0046): work of one key that arrives while a
 * statement for that key is in flight waits, and the next statement takes all of it, in the
 * order given, so a burst costs one round trip and one commit, not one each. Work that finds
 * nothing in flight goes after the current turn of the event loop (work that arrives together
 * shares it); nothing waits for a timer.
 */

/**
 * `write` is given each group in turn, at most `take(queue)` (at least 1) of the waiting items,
 * and settles every item of it; it must not throw. Returns how to add an item under its key.
 */
export function inFlightGroups<K, T>(
  write: (group: T[]) => Promise<void>,
  take: (queue: readonly T[]) => number,
): (key: K, item: T) => void {
  const queues = new Map<K, T[]>()
  const drain = async (key: K, queue: T[]) => {
    await new Promise((r) => setImmediate(r))
    while (queue.length > 0) await write(queue.splice(0, take(queue)))
    queues.delete(key)
  }
  return (key, item) => {
    const queue = queues.get(key)
    if (queue) queue.push(item)
    else {
      const fresh = [item]
      queues.set(key, fresh)
      void drain(key, fresh)
    }
  }
}
