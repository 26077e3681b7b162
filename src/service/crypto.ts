/**
 * node:crypto on first use: loading it costs every command about 4 ms of start-up, and most
 * commands (a get, a list, an add) never hash or draw a random id.
 */
export const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto')
