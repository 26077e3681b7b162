/**
 * @module `tk init -populate`: a small, realistic project to look around in (the original's
 * `initdb -populate`), made through the service like any other work, so every rule holds.
 */
import { unlessNotFound } from '../domain/errors.ts'
import type { TicketType } from '../domain/ticket.ts'
import type { TicketService } from './ticket-service.ts'

export const SAMPLE_PREFIX = 'CRM'

export type SampleData = {
  readonly project: string
  /** False when the sample project was already there (nothing was added). */
  readonly created: boolean
  readonly epics: number
  readonly tickets: number
  readonly dependencies: number
}

type Item = {
  readonly type: TicketType
  readonly title: string
  readonly description?: string
  readonly priority?: number
}

const EPICS: readonly (Item & { readonly children: readonly Item[] })[] = [
  {
    type: 'epic',
    title: 'Contact management',
    description: 'Sales keeps every customer contact in one place.',
    children: [
      {
        type: 'task',
        title: 'Import contacts from a CSV file',
        description: 'Columns: name, email, phone, company. Report rows that cannot be read.',
        priority: 1,
      },
      { type: 'task', title: 'Merge duplicate contacts', priority: 2 },
      {
        type: 'bug',
        title: 'Phone numbers lose their leading zero',
        description: 'Saving 0161 496 0000 stores 161 496 0000.',
        priority: 1,
      },
    ],
  },
  {
    type: 'epic',
    title: 'Billing integration',
    description: 'Invoices go out through the payment provider and their state shows in the CRM.',
    children: [
      { type: 'task', title: 'Send invoices through the payment provider', priority: 2 },
      { type: 'task', title: 'Show unpaid invoices on the account page', priority: 3 },
      { type: 'chore', title: "Rotate the payment provider's API key", priority: 4 },
    ],
  },
]

/** Creates the sample project (and makes nothing current); a second run adds nothing. */
export async function populate(svc: TicketService): Promise<SampleData> {
  const existing = await unlessNotFound(svc.getProject(SAMPLE_PREFIX))
  const summary = { project: SAMPLE_PREFIX, epics: EPICS.length, dependencies: 1 }
  const count = EPICS.reduce((n, e) => n + 1 + e.children.length, 0)
  if (existing) return { ...summary, created: false, tickets: count }
  await svc.createProject({
    prefix: SAMPLE_PREFIX,
    title: 'Customer Relationship Manager',
    description:
      'Sample data from tk init -populate: look around, then delete it with tk project delete CRM.',
  })
  const keys = new Map<string, string>()
  for (const epic of EPICS) {
    const { children, ...fields } = epic
    const e = await svc.createTicket({ project: SAMPLE_PREFIX, ...fields })
    for (const child of children) {
      const t = await svc.createTicket({ project: SAMPLE_PREFIX, ...child, parent: e.key })
      keys.set(child.title, t.key)
    }
  }
  const key = (title: string) => keys.get(title)!
  // The account page needs the invoices first.
  await svc.addDependency(
    key('Show unpaid invoices on the account page'),
    key('Send invoices through the payment provider'),
  )
  // Work under way: the import is being built; the bug is ready to pick up.
  const importing = key('Import contacts from a CSV file')
  await svc.setStage(importing, 'develop')
  await svc.assign(importing, 'admin')
  await svc.setState(importing, 'active')
  await svc.addComment(importing, 'Started with the sample file from sales; 3 of 200 rows fail.')
  await svc.setFlag(key('Phone numbers lose their leading zero'), 'ready', true)
  return { ...summary, created: true, tickets: count }
}
