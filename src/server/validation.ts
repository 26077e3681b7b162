/** @module Schema validation at the edge: strict for JSON bodies, string-coercing for URLs. */
import { Ajv } from 'ajv'
import type { FastifySchemaCompiler } from 'fastify'

const options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
} as const
// Made on the first request that needs them, not at start-up (decision 0038).
let bodyAjv: Ajv | undefined
let urlAjv: Ajv | undefined
// A JSON body says what type it means: `"title": 5` is refused, not turned into "5".
const bodies = () => (bodyAjv ??= new Ajv({ ...options, coerceTypes: false }))
// Query strings and path parameters are text; `limit=10` is read as the integer 10.
const urls = () => (urlAjv ??= new Ajv({ ...options, coerceTypes: 'array' }))

// Ajv reads only `true`/`false` as booleans; the original's clients send `1`, `0` and `yes`.
const BOOLEAN_WORDS: Readonly<Record<string, string>> = {
  '1': 'true',
  yes: 'true',
  on: 'true',
  '0': 'false',
  no: 'false',
  off: 'false',
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown }

/** The names of `schema`'s boolean properties. */
function booleanFields(schema: object): string[] {
  const props = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {}
  return Object.keys(props).filter((k) => props[k]?.type === 'boolean')
}

/** A URL part's validator that first reads `1`/`0`/`yes`/`no` in boolean fields as booleans. */
function forUrl(schema: object): Validate {
  const check = urls().compile(schema) as Validate
  const flags = booleanFields(schema)
  if (flags.length === 0) return check
  const validate: Validate = (data) => {
    if (data && typeof data === 'object') {
      const d = data as Record<string, unknown>
      for (const k of flags) {
        const v = d[k]
        if (typeof v === 'string') d[k] = BOOLEAN_WORDS[v.trim().toLowerCase()] ?? v
      }
    }
    const ok = check(data)
    validate.errors = check.errors
    return ok
  }
  return validate
}

/**
 * Each route's schema is compiled on its first request, not at start-up: compiling them all
 * was a quarter of the server's cold start, and most routes of a given server are never
 * called. Fastify reads the errors from the function it was given, so they are passed on.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  let compiled: Validate | undefined
  const validate: Validate = (data) => {
    compiled ??= httpPart === 'body' ? (bodies().compile(schema) as Validate) : forUrl(schema)
    const ok = compiled(data)
    validate.errors = compiled.errors
    return ok
  }
  return validate as ReturnType<FastifySchemaCompiler<object>>
}
