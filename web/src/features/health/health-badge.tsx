import '../original-features.css'
import { healthName, MAX_HEALTH } from '../../../../src/domain/health.ts'

/** The ticket's saved health score (none until scored), in words and as a number, so colour is never the only cue. */
export function HealthBadge({ score }: { score: number | null }) {
  if (score === null) return null
  return (
    <span
      className={`badge health health-${score}`}
      title={`Health ${score} of ${MAX_HEALTH}: ${healthName(score)}`}
    >
      health {score}/{MAX_HEALTH}
    </span>
  )
}
