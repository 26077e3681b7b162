import { service } from '../../api/service.ts'

const hasCode = (e: unknown, code: string) =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === code

/** Puts a label on a ticket, creating the project's label first when it does not exist yet. */
export async function attachLabel(project: string, ref: string, label: string) {
  try {
    return await service.addLabel(ref, label)
  } catch (e) {
    if (!hasCode(e, 'not_found')) throw e
    // Another request (a bulk action labels many tickets at once) may create it first.
    await service.createLabel({ project, name: label }).catch((c: unknown) => {
      if (!hasCode(c, 'conflict')) throw c
    })
    return service.addLabel(ref, label)
  }
}
