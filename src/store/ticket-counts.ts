/** @module The `ticket_counts` table: tickets counted per group, kept by triggers. */

/** The columns that group `ticket_counts`, in its primary-key order. */
export const TICKET_COUNT_KEY = 'project_id, archived, open, type, stage, state'

/** Portable SQL that fills an empty `ticket_counts` from `tickets` in one grouped pass. */
export const FILL_TICKET_COUNTS = `INSERT INTO ticket_counts (${TICKET_COUNT_KEY}, n)
  SELECT ${TICKET_COUNT_KEY}, count(*) FROM tickets GROUP BY ${TICKET_COUNT_KEY}`

/**
 * Groups where `ticket_counts` and a real count of `tickets` disagree (empty when exact).
 * Reads every ticket: for `tk doctor`, never for a view.
 */
export const TICKET_COUNT_DRIFT = `SELECT ${TICKET_COUNT_KEY}, sum(stored) AS stored, sum(real) AS real
  FROM (SELECT ${TICKET_COUNT_KEY}, n AS stored, 0 AS real FROM ticket_counts
        UNION ALL
        SELECT ${TICKET_COUNT_KEY}, 0, count(*) FROM tickets GROUP BY ${TICKET_COUNT_KEY}) AS c
  GROUP BY ${TICKET_COUNT_KEY} HAVING sum(stored) <> sum(real)`
