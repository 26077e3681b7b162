import { Link, Route, Switch, useLocation } from 'wouter'
import { useMe } from '../../api/queries.ts'
import { ADMIN_SECTIONS } from '../../components/nav.ts'
import { Agents } from './agents.tsx'
import { Roles } from './roles.tsx'
import { SystemSettings } from './system-settings.tsx'
import { Teams } from './teams.tsx'
import { Users } from './users.tsx'
import { Workflows } from './workflows.tsx'

export default function AdminPage() {
  const me = useMe()
  const [path] = useLocation()
  if (me?.role !== 'admin')
    return (
      <section className="page">
        <h1>Admin</h1>
        <p role="alert">Admin access required.</p>
      </section>
    )
  return (
    <section className="page admin">
      <nav aria-label="Admin sections" className="tabs">
        {ADMIN_SECTIONS.map(([id, label]) => (
          <Link
            key={id}
            href={`/${id}`}
            className="tab"
            aria-current={path === `/${id}` || path.startsWith(`/${id}/`) ? 'page' : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/users" component={Users} />
        <Route path="/agents" component={Agents} />
        <Route path="/teams">
          <Teams />
        </Route>
        <Route path="/teams/:name">{(p) => <Teams name={decodeURIComponent(p.name)} />}</Route>
        <Route path="/roles" component={Roles} />
        <Route path="/workflows" component={Workflows} />
        <Route path="/settings" component={SystemSettings} />
        <Route component={Users} />
      </Switch>
    </section>
  )
}
