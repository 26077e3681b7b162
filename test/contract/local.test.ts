import { openLocalService } from '../support/local-service.ts'
import { describePartB } from './part-b.case.ts'
import { describeTicketService } from './ticket-service.case.ts'

describeTicketService('local', () => openLocalService())
describePartB('local', () => openLocalService())
