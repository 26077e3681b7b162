import type { AgentSummary } from '../../../../src/domain/agent.ts'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { useChange } from '../../api/use-change.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { submitFields } from '../../components/submit-fields.ts'
import { Button, Dialog } from '../../components/ui.tsx'

const nameOf = (a: AgentSummary) => a.display_name || a.username

/**
 * One agent's editor: its display name, what it is for and, if given, a new password (which ends its sessions),
 * and deleting it. The account name stays: the agent signs in with it.
 */
export function AgentEditor({ agent: a, onClose }: { agent: AgentSummary; onClose: () => void }) {
  const change = useChange(keys.agents, { onSuccess: onClose })
  const save = submitFields(
    (field) => {
      const display_name = field('display_name')
      const description = field('description')
      const password = field('password')
      change.mutate(() =>
        service.updateAgent(a.id, { display_name, description, ...(password ? { password } : {}) }),
      )
    },
    { keep: true },
  )
  const remove = () =>
    window.confirm(`Delete agent ${nameOf(a)}? Its tickets keep their history.`) &&
    change.mutate(() => service.deleteAgent(a.id))
  return (
    <Dialog title={`Edit agent ${nameOf(a)}`} onClose={onClose}>
      <form className="card-form" onSubmit={save}>
        <p className="muted">
          Signs in as <code>{a.username}</code>
        </p>
        <label>
          Display name
          <input name="display_name" defaultValue={a.display_name} />
        </label>
        <label>
          Description
          <textarea name="description" defaultValue={a.description} rows={3} />
        </label>
        <label>
          New password (empty: keep the current one)
          <input name="password" type="password" autoComplete="new-password" />
        </label>
        <ErrorNote error={change.error} />
        <div className="row">
          <Button variant="primary" type="submit">
            Save agent
          </Button>
          <Button variant="danger" onClick={remove}>
            Delete agent
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
