import type { Reason, ReasonParams } from './protocol/reasons.js'

/** Why something was refused: a reason code, values for its message, and an English detail for logs. */
export interface Refusal {
  reason: Reason
  /** Values the translated message needs (a budget, a limit). */
  params?: ReasonParams
  /** English detail for logs and developers; never compared, never shown translated. */
  detail?: string
  /** The record that was refused, when one was. */
  recordId?: string
}

/** The outcome of a rule, a validator or a request: the value, or a refusal with its reason code. */
export type Result<T> = { ok: true; value: T } | ({ ok: false } & Refusal)

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** A refusal with its reason code and, optionally, params, detail and record. */
export function refuse(reason: Reason, extra: Omit<Refusal, 'reason'> = {}): { ok: false } & Refusal {
  return { ok: false, reason, ...extra }
}
