/** `postgres://…` and `postgresql://…` name a PostgreSQL database; anything else a SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location)
