/** @module Schema validation at the edge: strict for JSON bodies, string-coercing for URLs. */
import { Ajv } from 'ajv'
import type { FastifySchemaCompiler } from 'fastify'

const options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
} as const
// A JSON body says what type it means: `"title": 5` is refused, not turned into "5".
const bodies = new Ajv({ ...options, coerceTypes: false })
// Query strings and path parameters are text; `limit=10` is read as the integer 10.
const urls = new Ajv({ ...options, coerceTypes: 'array' })

type Validate = ((data: unknown) => boolean) & { errors?: unknown }

/**
 * Each route's schema is compiled on its first request, not at start-up: compiling them all
 * was a quarter of the server's cold start, and most routes of a given server are never
 * called. Fastify reads the errors from the function it was given, so they are passed on.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  let compiled: Validate | undefined
  const validate: Validate = (data) => {
    compiled ??= (httpPart === 'body' ? bodies : urls).compile(schema) as Validate
    const ok = compiled(data)
    validate.errors = compiled.errors
    return ok
  }
  return validate as ReturnType<FastifySchemaCompiler<object>>
}
