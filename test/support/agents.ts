import { fileURLToPath } from 'node:url'
import { HttpService } from '../../src/client/http-service.ts'
import type { RunningServer } from '../../src/server/start.ts'
import { pollUntil } from './poll.ts'

export const FAKE_LLM = fileURLToPath(new URL('../fixtures/fake-llm.mjs', import.meta.url))

/** A new agent, a member (editor) of `project`, and an HttpService signed in as it. */
export async function newAgent(server: RunningServer, admin: HttpService, project: string) {
  const { agent, password } = await admin.createAgent({})
  await admin.addProjectMember(project, { username: agent.username, role: 'editor' })
  const api = new HttpService({ url: server.url, agent: { id: agent.id, password } })
  return { id: agent.id, password, api }
}

/** A project whose `count` tickets are ready to be claimed (develop/idle, ready). */
export async function readyTickets(admin: HttpService, prefix: string, count: number) {
  await admin.createProject({ prefix, title: `Project ${prefix}` })
  const keys: string[] = []
  for (let i = 1; i <= count; i++) {
    const t = await admin.createTicket({
      project: prefix,
      title: `Ticket ${i}`,
      description: `Do thing ${i}`,
      acceptance_criteria: `Thing ${i} is done`,
    })
    await admin.setStage(t.key, 'develop')
    await admin.setFlag(t.key, 'ready', true)
    keys.push(t.key)
  }
  return keys
}

/** Polls `check` until it returns true, or fails after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 15_000, what = 'condition') {
  await pollUntil(check, Boolean, {
    timeout: ms,
    interval: 100,
    failure: () => `timed out waiting for ${what}`,
  })
}
