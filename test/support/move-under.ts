/** @module Gives seeded tickets a parent straight in the store, for hierarchies at size. */
import type { TicketType } from '../../src/domain/ticket.ts'
import type { Store } from '../../src/store/store.ts'

/**
 * Makes the tickets numbered `from`…`to` of the parent's project children of `parentKey`, with
 * the types given (`childType` for them, `parentType` for the parent) when the test needs them.
 */
export async function moveUnder(
  store: Store,
  parentKey: string,
  seqs: { from: number; to: number },
  types: { childType?: TicketType; parentType?: TicketType } = {},
): Promise<void> {
  await store.transaction(async (db) => {
    const parent = await db
      .selectFrom('tickets')
      .select(['id', 'project_id'])
      .where('key', '=', parentKey)
      .executeTakeFirstOrThrow()
    await db
      .updateTable('tickets')
      .set({ parent_id: parent.id, ...(types.childType ? { type: types.childType } : {}) })
      .where('project_id', '=', parent.project_id)
      .where('seq', '>=', seqs.from)
      .where('seq', '<=', seqs.to)
      .execute()
    if (types.parentType)
      await db
        .updateTable('tickets')
        .set({ type: types.parentType })
        .where('id', '=', parent.id)
        .execute()
  })
}
