import { openLocalAgentWorld, openLocalService } from '../support/local-service.ts'
import { describeAgents } from './agents.case.ts'
import { describeLifecycleInput } from './lifecycle-input.case.ts'
import { describeOrganisation } from './organisation.case.ts'
import { describeRecordsAndViews } from './records-and-views.case.ts'
import { describeTicketService } from './ticket-service.case.ts'

describeTicketService('local', () => openLocalService())
describeRecordsAndViews('local', () => openLocalService())
describeOrganisation('local', () => openLocalService())
describeLifecycleInput('local', () => openLocalService())
describeAgents('local', openLocalAgentWorld)
