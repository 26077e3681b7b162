import { vi } from 'vitest'

/**
 * Reads `probe` until `done` accepts what it returns, and returns that value; after `timeout` ms
 * fails with `failure(last value)`. The one polling loop the tests share (vitest's `vi.waitFor`
 * underneath); for a plain assertion, `expect.poll` says the same more briefly.
 */
export function pollUntil<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  options: { timeout: number; interval?: number; failure: (last: T) => string },
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe()
      if (!done(value)) throw new Error(options.failure(value))
      return value
    },
    { timeout: options.timeout, interval: options.interval ?? 50 },
  )
}

/** Waits until the screen `screen()` reads shows `expected`; the screen is in the failure. */
export const screenShows = (
  screen: () => string,
  expected: string | RegExp | ((s: string) => boolean),
  timeout: number,
  interval: number,
): Promise<string> =>
  pollUntil(
    screen,
    typeof expected === 'function'
      ? expected
      : (s) => (typeof expected === 'string' ? s.includes(expected) : expected.test(s)),
    {
      timeout,
      interval,
      failure: (s) => `timed out waiting for ${String(expected)}; the screen shows:\n${s}`,
    },
  )

/**
 * `expect.poll` options for a browser's state after a change: a loaded machine may take seconds
 * to show it (vitest's own default gives up after one).
 */
export const SHOWN = { timeout: 10_000 } as const
