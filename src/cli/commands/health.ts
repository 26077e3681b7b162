import type { HealthReport } from '../../domain/health.ts'
import type { Run } from '../command.ts'
import { UsageError } from '../usage-error.ts'

export const renderHealth = (r: HealthReport) =>
  [
    `TICKET HEALTH  ${r.ticket_key}`,
    `score: ${(r.score / 4).toFixed(2)} (${r.score}/4)`,
    ...Object.entries(r.checks).map(([k, v]) => `${k}: ${v}`),
  ].join('\n')

/** `tk health KEY` scores the ticket; `tk health KEY 3` sets the score by hand. */
export const health: Run = async (c) => {
  const ref = c.ticket()
  const raw = c.str('score') ?? c.args.shift()
  const svc = await c.service()
  if (raw === undefined) {
    const report = await svc.checkHealth(ref)
    c.out.data(report, renderHealth)
    return
  }
  if (!/^\d+$/.test(raw.trim()))
    throw new UsageError(
      `health score must be a whole number from 0 to 4, not "${raw}"`,
      `e.g. tk health ${ref} 3`,
    )
  const t = await svc.setHealth(ref, Number(raw))
  c.out.data(t, (x) => `${x.key} health: ${x.health_score}/4`)
}

export const healthAll: Run = async (c) => {
  const reports = await (await c.service()).checkProjectHealth(c.project())
  c.out.data(reports, (rs) =>
    [
      'TICKET HEALTH EXECUTE',
      `tickets: ${rs.length}`,
      ...rs.map((r) => `${r.ticket_key}\t${(r.score / 4).toFixed(2)}`),
    ].join('\n'),
  )
}
