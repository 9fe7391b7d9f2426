import { isReason } from '../../shared/protocol/reasons.js'
import type { RefusalNotice } from '../sync/closeRefusal.js'

/** An API call the server refused: its reason code and params, which the UI translates (never the body's English `error`). */
export class RefusedError extends Error {
  constructor(readonly refusal: RefusalNotice) {
    super(refusal.reason)
    this.name = 'RefusedError'
  }
}

/**
 * Reads a refused response's `{ reason, params }`. A body without one of our
 * codes (a proxy's error page, say) reads as `internal` for a 5xx and
 * `badRequest` otherwise, so the person still gets a sentence.
 */
export async function refusalOf(response: Response): Promise<RefusedError> {
  const body = (await response.json().catch(() => null)) as { reason?: unknown; params?: unknown } | null
  const params = typeof body?.params === 'object' && body.params !== null ? (body.params as RefusalNotice['params']) : undefined
  if (isReason(body?.reason)) return new RefusedError({ reason: body.reason, params })
  return new RefusedError({ reason: response.status >= 500 ? 'internal' : 'badRequest' })
}

/** What to show for a failed API call: a refusal in the person's language, anything else (the network) as the browser put it. */
export function errorText(error: unknown, reasonText: (refusal: RefusalNotice) => string): string {
  if (error instanceof RefusedError) return reasonText(error.refusal)
  return error instanceof Error ? error.message : String(error)
}
