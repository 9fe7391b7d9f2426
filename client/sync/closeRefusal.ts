import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { REASON_CODES, reasonCloseCode, type Reason, type ReasonParams } from '../../shared/protocol/reasons.js'

/** A refusal as the UI shows it: the reason code and the values its message needs. */
export interface RefusalNotice {
  reason: Reason
  params?: ReasonParams
}

/**
 * Why the server closed the connection, read through the shared reason table
 * rather than a second list of codes: the `rejected` message that came just
 * before the close when it names the same close code (it carries the params,
 * e.g. the board's size limit), else the first reason the table maps to this
 * code (the table lists a general reason before its variants). Null for a
 * code no reason maps to (a restart, a slow reader, the network).
 */
export function closeRefusal(code: number, rejected: RefusalNotice | null): RefusalNotice | null {
  if (rejected && reasonCloseCode(rejected.reason) === code) return { reason: rejected.reason, params: rejected.params }
  const reason = REASON_CODES.find((candidate) => reasonCloseCode(candidate) === code)
  return reason ? { reason } : null
}

/**
 * Whether a close code ends the session for good: 4400–4499 is the range in
 * which y-websocket stops reconnecting, because the server decided and
 * retrying cannot help. An invalid record is in that range but leaves the
 * board open on this device, so its other edits are kept and can be exported.
 */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500 && code !== CloseCode.invalidRecord
}
