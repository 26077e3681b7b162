/** Whether `s` is one of the closed set `set`: the type guard behind each parser of one. */
export const isOneOf = <T extends string>(set: readonly T[], s: string): s is T =>
  (set as readonly string[]).includes(s)
