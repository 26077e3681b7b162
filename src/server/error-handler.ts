/** @module Turns every failure into `{"error": …}` with the status api.md gives it. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { TicketError } from '../domain/errors.ts'
import { HTTP_STATUS } from '../domain/http-status.ts'
import { setSecurityHeaders } from './security-headers.ts'
import { closeAfterAnswer } from './unread-body.ts'

export { HTTP_STATUS }

/** What every failure answers: what went wrong, and sometimes what to do next. */
export const ErrorBody = Type.Object(
  { error: Type.String(), hint: Type.Optional(Type.String()) },
  {
    description:
      'the failure: 400 invalid, 401 not signed in, 403 not allowed, 404 not found or not visible, 409 conflict, 413 too large, 429 rate-limited',
  },
)

/**
 * Serialises the one response schema routes declare, the error body, as fast-json-stringify
 * would (only its two fields, as text) but with no code compiled per route at start-up: that
 * compiling was a tenth of the server's cold start. Any other response schema is refused at
 * start-up rather than sent unchecked.
 */
export const errorBodySerializer = ({ schema, url }: { schema: unknown; url: string }) => {
  if (schema !== ErrorBody)
    throw new Error(`${url}: response schemas other than ErrorBody need a serializer here`)
  return (data: unknown) => {
    const { error, hint } = data as { error?: unknown; hint?: unknown }
    return JSON.stringify(
      hint === undefined || hint === null
        ? { error: String(error) }
        : { error: String(error), hint: String(hint) },
    )
  }
}

const MB = 1024 * 1024

type ValidationIssue = {
  keyword: string
  instancePath: string
  message?: string
  params: Record<string, unknown>
}

/** A validation failure in the words of the request: `body.title must be string`. */
function describeValidation(context: string | undefined, issue: ValidationIssue): string {
  const where = `${context ?? 'request'}${issue.instancePath.replaceAll('/', '.')}`
  if (issue.keyword === 'additionalProperties')
    return `unknown field "${String(issue.params.additionalProperty)}" in ${where}`
  if (issue.keyword === 'required')
    return `${where} needs the field "${String(issue.params.missingProperty)}"`
  return `${where} ${issue.message ?? 'is invalid'}`
}

function clientError(
  error: FastifyError,
  req: FastifyRequest,
): { status: number; message: string } | undefined {
  if (error.validation?.[0])
    return {
      status: 400,
      message: describeValidation(error.validationContext, error.validation[0] as ValidationIssue),
    }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        message: `request body is too large (the limit is ${req.routeOptions.bodyLimit / MB} MB)`,
      }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, message: 'invalid json body' }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'send the body as application/json' }
  }
  if (error instanceof SyntaxError) return { status: 400, message: 'invalid json body' }
  const status = error.statusCode ?? 500
  if (status === 429) return { status, message: 'too many requests' }
  if (status >= 400 && status < 500) return { status, message: error.message }
  return undefined
}

export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  // Refused before its body was read (unknown caller, too large): the body stays unread.
  closeAfterAnswer(req, reply)
  if (error instanceof TicketError) {
    const status = HTTP_STATUS[error.code]
    // A server that cannot serve says why in its log, whatever the client is told.
    if (status >= 500) req.log.error({ err: error }, error.message)
    const body = error.hint ? { error: error.message, hint: error.hint } : { error: error.message }
    return reply.code(status).send(body)
  }
  const known = clientError(error, req)
  if (known) return reply.code(known.status).send({ error: known.message })
  // api.md: nothing a client sends may produce a 500; reaching here is a bug worth its stack.
  req.log.error({ err: error }, 'unhandled error')
  return reply.code(500).send({ error: 'internal error' })
}

/** What Fastify refuses before routing: a path it cannot decode, or one too long to match. */
export function frameworkErrorHandler(
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  // No hook runs for a request that never reached a route.
  setSecurityHeaders(req, reply)
  if (error.code === 'FST_ERR_BAD_URL')
    return reply.code(400).send({
      error: 'malformed URL',
      hint: 'percent-encode the path as UTF-8 (e.g. encodeURIComponent)',
    })
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return reply
      .code(414)
      .send({ error: 'a path segment is too long (the limit is 500 characters)' })
  return reply.code(400).send({ error: 'malformed request' })
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ error: `no route for ${req.method} ${req.url.split('?')[0]}` })
}
