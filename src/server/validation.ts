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

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodies : urls).compile(schema) as ReturnType<FastifySchemaCompiler<object>>
