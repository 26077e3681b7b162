import type { Label } from '../../../../src/domain/label.ts'
import { service } from '../../api/service.ts'

const hasCode = (e: unknown, code: string) =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === code

/**
 * Makes sure the project has label `name`, creating it when the project's labels (`known`, else
 * fetched once) lack it, so adding it never starts with a refused request.
 */
export async function ensureLabel(project: string, name: string, known?: readonly Label[]) {
  const labels = known ?? (await service.listLabels(project))
  if (labels.some((l) => l.name === name)) return
  // Another browser may create it first.
  await service.createLabel({ project, name }).catch((c: unknown) => {
    if (!hasCode(c, 'conflict')) throw c
  })
}

/** Puts a label on a ticket, creating the project's label first when it does not exist yet. */
export async function attachLabel(
  project: string,
  ref: string,
  name: string,
  known?: readonly Label[],
) {
  await ensureLabel(project, name, known)
  return service.addLabel(ref, name)
}
