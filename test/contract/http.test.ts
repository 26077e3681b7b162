import { HttpService } from '../../src/client/http-service.ts'
import { ADMIN_PASSWORD, startTestServer } from '../support/server.ts'
import { describePartB } from './part-b.case.ts'
import { describeTicketService } from './ticket-service.case.ts'

// The same suites as local.test.ts, through HttpService against the real server on port 0.
async function openHttpService() {
  const server = await startTestServer()
  const svc = new HttpService({ url: server.url, onClose: () => server.close() })
  await svc.login('admin', ADMIN_PASSWORD)
  return svc
}

describeTicketService('http', openHttpService)
describePartB('http', openHttpService)
