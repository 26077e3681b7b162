/** An agent's id (a UUID): read and copied whole, so never broken across two lines. */
export function AgentId({ id }: { id: string }) {
  return <code className="agent-id">{id}</code>
}
