import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { tempDir } from '../support/temp-dir.ts'

const RUNNER = new URL('../../src/agent/llm-runner.ts', import.meta.url).href

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A worker killed with SIGKILL runs no handler, so nothing in it can stop its LLM: the guard
 * that leads the LLM's process group must notice and end the group itself.
 */
it('an LLM run does not outlive a worker killed with SIGKILL', async () => {
  const dir = tempDir('tk-guard-')
  const pidFile = join(dir, 'llm.pid')
  // The "LLM": records its pid, then keeps writing files, as a coding agent would.
  const llm = `echo $$ > ${pidFile}; while true; do date >> ${join(dir, 'work.log')}; sleep 0.1; done`
  const worker = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { runLlm } from '${RUNNER}'
       await runLlm({ command: 'sh', args: ['-c', ${JSON.stringify(llm)}] }, { prompt: 'go', timeoutMs: 60000 })`,
    ],
    { stdio: 'ignore' },
  )
  await expect
    .poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', {
      timeout: 15_000,
    })
    .toBe(true)
  const llmPid = Number(readFileSync(pidFile, 'utf8').trim())
  expect(alive(llmPid)).toBe(true)
  worker.kill('SIGKILL')
  try {
    await expect.poll(() => alive(llmPid), { timeout: 10_000 }).toBe(false)
  } finally {
    // Only if the guard failed: the test must not leave its stand-in running.
    if (alive(llmPid)) process.kill(llmPid, 'SIGKILL')
  }
}, 30_000)
