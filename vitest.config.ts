import { defineConfig } from 'vitest/config'
import { TEST_CACHE_HOME } from './test/support/cache-home.ts'

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'web/src/**/*.test.ts'],
    // The screenshot file makes pictures for a person to look at, and checks nothing: it runs
    // only when asked (SCREENSHOTS=1), so a plain run neither writes nor lists it as skipped.
    exclude: [
      '**/node_modules/**',
      ...(process.env.SCREENSHOTS === '1' ? [] : ['test/e2e/screenshots.test.ts']),
    ],
    // One throwaway PostgreSQL cluster per run (test/support/dialects.ts).
    globalSetup: ['test/global-setup.ts'],
    env: { XDG_CACHE_HOME: TEST_CACHE_HOME },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
