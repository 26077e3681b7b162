import { TEST_DIALECTS } from '../support/dialects.ts'
import { openLocalAgentWorld, openLocalService } from '../support/local-service.ts'
import { describeAgents } from './agents.case.ts'
import { describeLifecycleInput } from './lifecycle-input.case.ts'
import { describeOrganisation } from './organisation.case.ts'
import { describeRecordsAndViews } from './records-and-views.case.ts'
import { describeTicketService } from './ticket-service.case.ts'

// Every suite once per dialect: the service must behave the same on each database.
for (const dialect of TEST_DIALECTS) {
  const open = () => openLocalService({ dialect })
  const name = `local ${dialect}`
  describeTicketService(name, open)
  describeRecordsAndViews(name, open)
  describeOrganisation(name, open)
  describeLifecycleInput(name, open)
  describeAgents(name, () => openLocalAgentWorld(dialect))
}
