import { expect, it } from 'vitest'
import { tempWorkspace } from '../support/workspace.ts'

it('tk agent create, ls, config-*, disable, enable, reset-password and delete', async () => {
  const ws = await tempWorkspace()
  const created = await ws.tk('agent', 'create', '-name', 'builder')
  expect(created.code).toBe(0)
  const id = /^agent_id: (\S+)$/m.exec(created.stdout)?.[1]
  expect(id).toMatch(/^[0-9a-f-]{36}$/)
  expect(created.stdout).toMatch(/^password: \S{32}$/m)
  const ls = await ws.tk('agent', 'ls')
  expect(ls.stdout).toMatch(/UUID\s+NAME\s+ENABLED\s+STATUS\s+TICKET\s+PROJECT\s+LAST_SEEN/)
  expect(ls.stdout).toContain(`${id}  builder`)
  expect(ls.stdout).not.toMatch(/password/i)
  expect((await ws.tk('agent', 'config-set', '-id', id!, 'llm', 'codex')).stdout).toBe(
    'llm=codex\n',
  )
  expect((await ws.tk('agent', 'config-ls', id!)).stdout).toBe('llm=codex\n')
  expect((await ws.tk('agent', 'config-rm', '-id', id!, 'llm')).stdout).toBe('deleted llm\n')
  expect((await ws.tk('agent', 'config-ls', id!)).stdout).toBe('(no config)\n')
  expect((await ws.tk('agent', 'disable', id!)).stdout).toBe(`disabled agent ${id}\n`)
  expect(await ws.json('agent', 'enable', '-id', id!)).toMatchObject({
    enabled: true,
    status: 'idle',
  })
  const reset = await ws.json<{ password: string }>(
    'agent',
    'reset-password',
    id!,
    '-password',
    'another-password',
  )
  expect(reset.password).toBe('another-password')
  expect((await ws.tk('agent', 'delete', id!)).stdout).toBe(`deleted agent ${id}\n`)
  expect((await ws.tk('agent', 'ls')).stdout).toBe('no agents\n')
  const missing = await ws.tk('agent', 'update')
  expect(missing.code).toBe(2)
}, 30_000)
