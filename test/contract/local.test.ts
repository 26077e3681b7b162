import { openLocalService } from '../support/local-service.ts'
import { describeTicketService } from './ticket-service.case.ts'

describeTicketService('local', () => openLocalService())
