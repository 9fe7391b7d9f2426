import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { reasonStatus, reasonText, type Reason } from '../../shared/protocol/reasons.js'
import { ok, refuse, type Refusal, type Result } from '../../shared/result.js'

/** Largest JSON body an API call reads; every body the API takes is a few fields. */
export const MAX_JSON_BODY_BYTES = 64 * 1024

/**
 * Most bytes of an oversized body that are read and dropped before its 413 is
 * sent. Answering while the client still sends makes the kernel reset the
 * connection, and the client then sees the reset, not the 413; past this many
 * bytes the server stops paying for that courtesy and answers at once.
 */
export const MAX_DRAINED_BYTES = 32 * 1024 * 1024

/** The invite token of an API call: `Authorization: Bearer …` or `?token=`. */
export function tokenOf(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim()
  return url.searchParams.get('token')
}

/** Answers with JSON and no caching. */
export function json(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
  response.end(JSON.stringify(body))
}

/**
 * The one way an HTTP route says no: the reason's status and
 * `{ error, reason, params? }`, where `error` is the reason's English sentence
 * (with the refusal's detail, for API callers and logs) and `reason` the code
 * clients branch on and translate. A `retryAfterSeconds` param is also sent
 * as Retry-After. A refused body closes the connection, as the rest of an
 * oversized body may still be on its way.
 */
export function sendRefusal(response: ServerResponse, refusal: Reason | Refusal): void {
  const { reason, params, detail, recordId } = typeof refusal === 'string' ? ({ reason: refusal } as Refusal) : refusal
  const allParams = recordId === undefined ? params : { ...params, recordId }
  const body = { error: detail ? `${reasonText(reason)}: ${detail}` : reasonText(reason), reason, ...(allParams && { params: allParams }) }
  const headers: OutgoingHttpHeaders = {}
  if (params?.retryAfterSeconds !== undefined) headers['retry-after'] = String(params.retryAfterSeconds)
  if (reason === 'bodyTooLarge') headers.connection = 'close'
  json(response, reasonStatus(reason), body, headers)
}

/**
 * Reads a body of at most `limit` bytes. A larger one is read to its end and
 * dropped (up to MAX_DRAINED_BYTES) and refused as `bodyTooLarge`, so the
 * caller can answer 413 and the client reads it rather than a reset.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Result<Buffer>> {
  const tooLarge = refuse('bodyTooLarge', { params: { limit }, detail: `the limit is ${limit} bytes` })
  if (Number(request.headers['content-length']) > MAX_DRAINED_BYTES) return Promise.resolve(tooLarge)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      chunks.length = 0
      if (size > MAX_DRAINED_BYTES) resolve(tooLarge)
    })
    request.on('end', () => resolve(size <= limit ? ok(Buffer.concat(chunks)) : tooLarge))
    request.on('error', reject)
  })
}

/**
 * Reads a JSON object body of at most `limit` bytes and checks it with a
 * validator from shared/protocol/httpBodies.ts. An empty body reads as `{}`;
 * malformed JSON, a non-object and a body the validator refuses are all
 * `badRequest`, with what was wrong in the detail.
 */
export async function readJsonBody<T>(request: IncomingMessage, validator: { validate(value: unknown): T }, limit = MAX_JSON_BODY_BYTES): Promise<Result<T>> {
  const body = await readBody(request, limit)
  if (!body.ok) return body
  const text = body.value.toString('utf8').trim()
  let value: unknown = {}
  try {
    if (text !== '') value = JSON.parse(text)
  } catch (error) {
    return refuse('badRequest', { detail: `the body is not JSON (${error instanceof Error ? error.message : String(error)})` })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('badRequest', { detail: 'the body must be a JSON object' })
  return validated(validator, value)
}

/** Checks a value with a validator; its complaint becomes a `badRequest` refusal's detail. */
export function validated<T>(validator: { validate(value: unknown): T }, value: unknown): Result<T> {
  try {
    return ok(validator.validate(value))
  } catch (error) {
    return refuse('badRequest', { detail: error instanceof Error ? error.message : String(error) })
  }
}
