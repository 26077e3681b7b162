/**
 * @module One file's browser tests' set-up: the real server over a new database, one Chromium,
 * the admin signed in over HTTP for fixtures, and fresh signed-in pages per test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { HttpService } from '../../../src/client/http-service.ts'
import { launchBrowser, signInPage } from './browser.ts'
import { ADMIN_PASSWORD, startWebServer, type WebServer } from './web-server.ts'

/** The password of every user a test creates. */
export const MEMBER_PASSWORD = 'member-password'

export type Harness = {
  readonly server: WebServer
  readonly browser: Browser
  /** The admin over HTTP, for fixtures the test is not about. */
  readonly admin: HttpService
  /** A new browser context signed in as `username` (the admin, or a user with MEMBER_PASSWORD). */
  as(username: string): Promise<{ context: BrowserContext; page: Page }>
}

/** Starts everything before the file's tests and stops it after; `setup` adds the fixtures. */
export function webHarness(setup?: (admin: HttpService) => Promise<void>): Harness {
  let server: WebServer | undefined
  let browser: Browser | undefined
  let admin: HttpService | undefined
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the harness is used before beforeAll ran')
    return v
  }
  beforeAll(async () => {
    server = await startWebServer()
    browser = await launchBrowser()
    admin = await server.api()
    await setup?.(admin)
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get server() {
      return ready(server)
    },
    get browser() {
      return ready(browser)
    },
    get admin() {
      return ready(admin)
    },
    async as(username) {
      const password = username === 'admin' ? ADMIN_PASSWORD : MEMBER_PASSWORD
      const signed = await signInPage(ready(browser), ready(server).url, username, password)
      // A missing element fails the test well before the test's own time runs out.
      signed.context.setDefaultTimeout(10_000)
      return signed
    },
  }
}
