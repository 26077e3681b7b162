import type pg from 'pg'

/**
 * Makes PostgreSQL refuse a create whose title holds `words`, as it writes the history row (a
 * check violation): a create the service's own checks let through, refused by the database.
 */
export async function refuseHistoryOf(client: pg.Client, words: string): Promise<void> {
  await client.query(`
    CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'history refused' USING ERRCODE = 'check_violation'; END $$`)
  await client.query(`
    CREATE TRIGGER refuse_history BEFORE INSERT ON history FOR EACH ROW
    WHEN (NEW.payload LIKE '%${words}%') EXECUTE FUNCTION refuse_history()`)
}
