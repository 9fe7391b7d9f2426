import { CloseCode } from './closeCodes.js'

/**
 * Every reason the server refuses something, as a code. One table maps each
 * code once to its HTTP status, its WebSocket close code (when the refusal
 * ends the connection) and an English sentence for logs and API callers;
 * clients translate the code (client/i18n), never the sentence. Parameters
 * such as a vote budget travel beside the code in `params`.
 */
export const REASONS = {
  // Frames and documents
  badMessage: { status: 400, close: CloseCode.badMessage, text: 'the message could not be decoded' },
  invalidRecord: { status: 422, close: CloseCode.invalidRecord, text: 'the update holds an invalid record' },
  boardTooLarge: { status: 413, close: CloseCode.boardTooLarge, text: 'the board has reached its size limit' },
  pendingTooLarge: { status: 413, close: CloseCode.pendingTooLarge, text: 'too many updates wait for changes the server has not seen' },
  rateLimited: { status: 429, close: CloseCode.rateLimited, text: 'too many requests; slow down' },
  storageFailure: { status: 503, close: CloseCode.storageFailure, text: 'the server could not store this now' },
  protocolUnsupported: { status: 400, close: CloseCode.badMessage, text: 'this version of the control protocol is not supported' },
  // Access
  boardNotFound: { status: 404, close: CloseCode.boardNotFound, text: 'there is no such board' },
  workshopNotFound: { status: 404, close: null, text: 'there is no such workshop' },
  linkNotFound: { status: 404, close: null, text: 'there is no such invite link' },
  inviteRequired: { status: 401, close: CloseCode.inviteRequired, text: 'an invite link is required' },
  inviteInvalid: { status: 401, close: CloseCode.inviteInvalid, text: 'the invite link is not valid' },
  inviteOtherWorkshop: { status: 403, close: CloseCode.inviteInvalid, text: 'the invite link is for another workshop' },
  inviteExpired: { status: 401, close: CloseCode.inviteExpired, text: 'the invite link has expired' },
  inviteRevoked: { status: 401, close: CloseCode.inviteRevoked, text: 'the invite link was revoked' },
  facilitatorOnly: { status: 403, close: null, text: 'only the facilitator can do this' },
  viewerReadOnly: { status: 403, close: null, text: 'viewers cannot change the board' },
  boardLocked: { status: 403, close: null, text: 'the board is locked' },
  notInWorkshop: { status: 409, close: null, text: 'this board is not part of a workshop' },
  // Voting and scoring
  roundNotFound: { status: 404, close: null, text: 'there is no such round on this board' },
  roundClosed: { status: 409, close: null, text: 'the round is closed' },
  roundTimeUp: { status: 409, close: null, text: "the round's time is up" },
  roundNotRevealed: { status: 409, close: null, text: "the round's results are not revealed yet" },
  roundKindMismatch: { status: 409, close: null, text: 'this round does not take this kind of ballot' },
  roleCannotVote: { status: 403, close: null, text: 'this role cannot vote' },
  cardNotInRound: { status: 409, close: null, text: 'the card is not in this round' },
  voteBudgetUsed: { status: 409, close: null, text: 'all of your votes are used' },
  cardVoteCapReached: { status: 409, close: null, text: 'you have put the most votes allowed on this card' },
  noVoteToWithdraw: { status: 409, close: null, text: 'you have no vote on this card to take back' },
  invalidSettings: { status: 400, close: null, text: 'the settings are not valid' },
  invalidScore: { status: 400, close: null, text: 'the score is not valid' },
  // HTTP
  badRequest: { status: 400, close: null, text: 'the request is not valid' },
  bodyTooLarge: { status: 413, close: null, text: 'the request body is too large' },
  notFound: { status: 404, close: null, text: 'not found' },
  methodNotAllowed: { status: 405, close: null, text: 'method not allowed' },
  clientNotBuilt: { status: 503, close: null, text: 'the client is not built; run npm run build' },
  internal: { status: 500, close: null, text: 'internal error' },
} as const satisfies Record<string, { status: number; close: CloseCode | null; text: string }>

/** A reason code: the one way the server says no. */
export type Reason = keyof typeof REASONS

/** Values a reason's sentence needs, such as a vote budget: `{ votes: 3 }`. */
export type ReasonParams = Record<string, string | number>

/** Every reason code, for tables and tests. */
export const REASON_CODES = Object.keys(REASONS) as Reason[]

/** Whether a value from the wire is one of our reason codes. */
export function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REASONS, value)
}

/** The HTTP status of a refusal. */
export function reasonStatus(reason: Reason): number {
  return REASONS[reason].status
}

/** The close code of a refusal that ends its connection, or null when the connection stays open. */
export function reasonCloseCode(reason: Reason): CloseCode | null {
  return REASONS[reason].close
}

/** The English sentence of a refusal, for logs and API callers. */
export function reasonText(reason: Reason): string {
  return REASONS[reason].text
}
