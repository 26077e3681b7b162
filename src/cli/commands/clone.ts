import type { Run } from '../command.ts'
import { oneLine } from '../render.ts'

export const clone: Run = async (c) => {
  const t = await (await c.service()).cloneTicket(c.ticket())
  c.out.data(t, (x) => `${oneLine(c.out, x)}\n  clone_of: ${x.clone_of}`)
}
