import { openLocalService } from '../support/local-service.ts'
import { describeRecordsAndViews } from './part-a.case.ts'
import { describePartB } from './part-b.case.ts'
import { describeTicketService } from './ticket-service.case.ts'

describeTicketService('local', () => openLocalService())
describeRecordsAndViews('local', () => openLocalService())
describePartB('local', () => openLocalService())
