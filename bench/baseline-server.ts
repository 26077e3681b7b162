// The two servers bench/server.ts measures before `tk server`, in their own process as it is:
//   node bench/baseline-server.ts http PORT BODY_FILE   bare node:http answering BODY_FILE's JSON
//   node bench/baseline-server.ts fastify PORT DB_FILE  bare Fastify route reading one ticket row
//                                                       from node:sqlite (no auth, no schema)
// Their req/s is what this machine, this load generator and this moment allow; `tk server`'s
// figures are read as ratios to them, which stay put when the machine is busy or another kind.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { DatabaseSync } from 'node:sqlite'
import Fastify from 'fastify'

const [kind, port, file] = process.argv.slice(2)
const listening = () => process.stdout.write('listening\n')

if (kind === 'http') {
  const body = readFileSync(file!)
  createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(body)
  }).listen(Number(port), '127.0.0.1', listening)
} else if (kind === 'fastify') {
  const db = new DatabaseSync(file!, { readOnly: true })
  const byKey = db.prepare('SELECT * FROM tickets WHERE project_id = ? AND seq = ?')
  const project = (
    db.prepare("SELECT id FROM projects WHERE prefix = 'TK'").get() as { id: number }
  ).id
  const app = Fastify()
  // The same paths as GET one ticket: /api/tickets/TK-T-<seq>.
  app.get<{ Params: { key: string } }>('/api/tickets/:key', async (req, reply) => {
    const row = byKey.get(project, Number(req.params.key.split('-')[2]))
    if (!row) return reply.code(404).send({ error: 'not found' })
    return row
  })
  await app.listen({ port: Number(port), host: '127.0.0.1' })
  listening()
} else {
  process.stderr.write('usage: node bench/baseline-server.ts http|fastify PORT FILE\n')
  process.exit(2)
}
