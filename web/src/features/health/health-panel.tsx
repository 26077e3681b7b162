import { useState } from 'react'
import {
  HEALTH_NAMES,
  type HealthChecks,
  type HealthReport,
  healthName,
  MAX_HEALTH,
} from '../../../../src/domain/health.ts'
import { service } from '../../api/service.ts'
import type { TicketPanelProps } from '../ticket/panel.ts'

const CHECK_WORDS: Record<keyof HealthChecks, string> = {
  not_an_orphan: 'An epic, or has a parent',
  has_acceptance_criteria: 'Has acceptance criteria',
  reviewed_by_reviewer_agent: 'Reviewed or approved in a comment',
  definition_of_ready: 'Ready: at the first stage, idle',
}

/**
 * The ticket's health (0 to 4): set by hand, or scored by the server's four checks
 * (`checkHealth`), whose result this panel only shows.
 */
export function HealthPanel({ ticket: t, editable, run }: TicketPanelProps) {
  const [report, setReport] = useState<HealthReport | null>(null)
  const check = () =>
    run(async () => {
      const r = await service.checkHealth(t.key)
      setReport(r)
      return r
    })
  return (
    <section aria-labelledby="health-h" className="side-box health-panel">
      <h2 id="health-h">Health</h2>
      <p className="health-score">
        {t.health_score === null ? (
          <span className="muted">Not scored yet</span>
        ) : (
          <>
            <strong>
              {t.health_score} of {MAX_HEALTH}
            </strong>{' '}
            · {healthName(t.health_score)}
          </>
        )}
      </p>
      {report ? (
        <ul className="health-checks" aria-label="Health checks">
          {Object.entries(report.checks).map(([k, ok]) => (
            <li key={k} className={ok ? 'pass' : 'miss'}>
              {ok ? '✓' : '✗'} {CHECK_WORDS[k as keyof HealthChecks] ?? k}
              <span className="sr-only">{ok ? ' (met)' : ' (not met)'}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? (
        <div className="row">
          <label>
            Set health
            <select
              value={t.health_score ?? ''}
              onChange={(e) => {
                // Read now: React puts a controlled select back before the change runs.
                const score = Number(e.target.value)
                run(() => service.setHealth(t.key, score))
              }}
            >
              {t.health_score === null ? <option value="">not scored</option> : null}
              {HEALTH_NAMES.map((name, score) => (
                <option key={name} value={score}>
                  {score} {name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={check}>
            Check health
          </button>
        </div>
      ) : null}
    </section>
  )
}
