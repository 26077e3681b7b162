import { HttpService } from '../../src/client/http-service.ts'
import { type DialectName, TEST_DIALECTS } from '../support/dialects.ts'
import { ADMIN_PASSWORD, startTestServer } from '../support/server.ts'
import { describeAgents } from './agents.case.ts'
import { describeLifecycleInput } from './lifecycle-input.case.ts'
import { describeOrganisation } from './organisation.case.ts'
import { describeRecordsAndViews } from './records-and-views.case.ts'
import { describeTicketService } from './ticket-service.case.ts'

// The same suites as local.test.ts, through HttpService against the real server on port 0,
// once per dialect.
async function openHttpService(dialect: DialectName) {
  const server = await startTestServer({ dialect })
  // The login also renews the session after a snapshot import has ended every session.
  const login = { username: 'admin', password: ADMIN_PASSWORD }
  const svc = new HttpService({ url: server.url, login, onClose: () => server.close() })
  await svc.login(login.username, login.password)
  return svc
}

for (const dialect of TEST_DIALECTS) {
  const open = () => openHttpService(dialect)
  const name = `http ${dialect}`
  describeTicketService(name, open)
  describeRecordsAndViews(name, open)
  describeOrganisation(name, open)
  describeLifecycleInput(name, open)
  describeAgents(name, () => openAgentWorld(dialect))
}

async function openAgentWorld(dialect: DialectName) {
  const server = await startTestServer({ dialect })
  const admin = new HttpService({ url: server.url })
  await admin.login('admin', ADMIN_PASSWORD)
  return {
    admin,
    asAgent: async (id: string, password: string) =>
      new HttpService({ url: server.url, agent: { id, password } }),
    close: () => server.close(),
  }
}
