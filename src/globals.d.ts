declare const __TICKET_VERSION__: string
/** Named statements' SQLite text, compiled by the scripts' build (src/store/prepared.ts). */
declare const __TICKET_PREPARED_SQL__: import('./store/prepared.ts').PrecompiledSql | undefined
