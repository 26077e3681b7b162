import { openLocalService } from '../support/local-service.ts'
import { describeRecordsAndViews } from './part-a.case.ts'
import { describeTicketService } from './ticket-service.case.ts'

describeTicketService('local', () => openLocalService())
describeRecordsAndViews('local', () => openLocalService())
