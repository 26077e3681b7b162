/** @module Why the queue is empty: a few capped counts a claimant can act on. */
import { NO_WORK_COUNT_CAP, type NoWorkCounts, noWorkReason } from '../../domain/claim.ts'
import type { Db } from '../../store/store.ts'

/**
 * The open leaves in `scope` that the queue passes over, by the first thing in the way. Each
 * count walks the claim index (`project_id, stage, state`) and stops at the cap, so an empty
 * queue costs the same at a million tickets as at ten.
 */
export async function noWorkCounts(
  db: Db,
  scope: number[] | 'all',
  workStages: readonly string[],
): Promise<NoWorkCounts> {
  const base = () => {
    let q = db
      .selectFrom('tickets as t')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .select('t.id')
      .where('t.open', '=', 1)
      .where('t.archived', '=', 0)
      .where('p.status', '=', 'open')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('tickets as k').select('k.id').whereRef('k.parent_id', '=', 't.id'),
          ),
        ),
      )
    if (scope !== 'all') q = q.where('t.project_id', 'in', scope.length > 0 ? scope : [-1])
    return q
  }
  const stages = workStages.length > 0 ? [...workStages] : ['']
  const unblocked = base()
    .where('t.state', '=', 'idle')
    .where('t.ready', '=', 1)
    .where('t.assignee', 'is', null)
    .where('t.stage', 'in', stages)
  const count = async (q: ReturnType<typeof base>) => {
    const row = await db
      .selectFrom(q.limit(NO_WORK_COUNT_CAP + 1).as('c'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Math.min(Number(row.n), NO_WORK_COUNT_CAP)
  }
  return {
    not_ready: await count(
      base().where('t.state', '=', 'idle').where('t.ready', '=', 0).where('t.assignee', 'is', null),
    ),
    not_in_work_stage: await count(
      base()
        .where('t.state', '=', 'idle')
        .where('t.ready', '=', 1)
        .where('t.assignee', 'is', null)
        .where('t.stage', 'not in', stages),
    ),
    blocked: await count(
      unblocked.where((eb) =>
        eb.exists(
          eb
            .selectFrom('dependencies as d')
            .innerJoin('tickets as dep', 'dep.id', 'd.depends_on_id')
            .select('d.ticket_id')
            .whereRef('d.ticket_id', '=', 't.id')
            .where('dep.state', '<>', 'success'),
        ),
      ),
    ),
    assigned: await count(
      base()
        .where('t.state', 'in', ['idle', 'active'])
        .where('t.ready', '=', 1)
        .where('t.assignee', 'is not', null)
        .where('t.stage', 'in', stages),
    ),
  }
}

export { noWorkReason }
