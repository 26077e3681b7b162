/**
 * @module `/metrics` for a server of several threads (decision 0051): the thread that answers
 * asks the others for their series over a `BroadcastChannel` and serves the sum, so a scrape
 * sees the whole process whichever thread its connection reached.
 */

import type { Registry } from 'prom-client'
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client'

/** One of `count` threads, numbered from 0, and the channel name they share. */
export type ServerThread = {
  readonly index: number
  readonly count: number
  readonly channel: string
}

type Ask = { readonly ask: number; readonly from: number }
type Answer = {
  readonly answer: number
  readonly to: number
  readonly series: MetricObjectWithValues<MetricValue<string>>[]
}

// A thread that does not answer within this (stuck, or stopping) is left out of the scrape.
const ANSWER_MS = 2000

/**
 * Series of the process as a whole (memory, CPU, descriptors) read the same from every
 * thread: one thread's reading, not the sum. Heaps, handles and the event loop are per thread.
 */
const perProcess = (name: string) =>
  name.startsWith('ticket_process_') || name === 'ticket_nodejs_version_info'

export type ThreadMetrics = {
  /** The text format of every thread's series, summed. */
  text(): Promise<string>
  close(): void
}

export function threadMetrics(registry: Registry, thread: ServerThread): ThreadMetrics {
  const { BroadcastChannel } = process.getBuiltinModule('node:worker_threads')
  const channel = new BroadcastChannel(`${thread.channel}:metrics`)
  channel.unref()
  let next = 0
  const waiting = new Map<number, (series: Answer['series']) => void>()
  channel.onmessage = (event) => {
    const m = (event as { data: Ask | Answer }).data
    if ('ask' in m) {
      if (m.from === thread.index) return
      void registry.getMetricsAsJSON().then((series) => {
        channel.postMessage({ answer: m.ask, to: m.from, series } satisfies Answer)
      })
    } else if (m.to === thread.index) waiting.get(m.answer)?.(m.series)
  }
  return {
    text: async () => {
      const id = next++
      const others: Answer['series'][] = []
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ANSWER_MS)
        waiting.set(id, (series) => {
          others.push(series)
          if (others.length === thread.count - 1) {
            clearTimeout(timer)
            resolve()
          }
        })
        channel.postMessage({ ask: id, from: thread.index } satisfies Ask)
      })
      waiting.delete(id)
      const all = [await registry.getMetricsAsJSON(), ...others].map((series) =>
        series.map((m) => (perProcess(m.name) ? { ...m, aggregator: 'first' as const } : m)),
      )
      return AggregatorRegistry.aggregate(all).metrics()
    },
    close: () => channel.close(),
  }
}
