/**
 * WebSocket close codes the sync server uses. 4400–4499 tell a y-websocket
 * client not to reconnect (the server decided; retrying cannot help); other
 * codes are transient and the client reconnects with backoff.
 */
export const CloseCode = {
  /** The client went away on its own; the server records it, never sends it. */
  normal: 1000,
  /** The server is shutting down or restarting; reconnect later. */
  goingAway: 1001,
  /** The client read too slowly: more than `maxBufferedBytes` waited for it; reconnecting starts afresh. */
  slowReader: 1013,
  /** A frame was larger than the configured `maxFrameBytes`. */
  frameTooLarge: 1009,
  /** A frame could not be decoded. */
  badMessage: 4400,
  /** The board is part of a workshop and the connection brought no invite token. */
  inviteRequired: 4401,
  /** The invite token is forged, malformed, or for another workshop. */
  inviteInvalid: 4403,
  /** The board id in the URL is malformed or unknown. */
  boardNotFound: 4404,
  /** The invite link was revoked by the facilitator (also closes connections already open). */
  inviteRevoked: 4410,
  /** The invite link has expired. */
  inviteExpired: 4419,
  /** An update would grow the board past `maxDocBytes`: the board is full. */
  boardTooLarge: 4413,
  /** An update would put a record into the board that the shared schema rejects. */
  invalidRecord: 4422,
  /** The client (its person or its address) sent updates, control or awareness messages faster than its allowance, or joined too often. */
  rateLimited: 4529,
  /** Updates waiting for changes the server has not seen grew past `maxPendingBytes`; reconnecting resyncs them. */
  pendingTooLarge: 4503,
  /** The room could not be loaded from or written to storage. */
  storageFailure: 4500,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Human-readable close reasons, sent with the code (max 123 bytes on the wire). */
export const closeReason: Record<CloseCode, string> = {
  [CloseCode.normal]: 'closed',
  [CloseCode.goingAway]: 'server shutting down',
  [CloseCode.slowReader]: 'too much queued for a slow reader',
  [CloseCode.frameTooLarge]: 'frame too large',
  [CloseCode.badMessage]: 'malformed message',
  [CloseCode.boardNotFound]: 'board not found',
  [CloseCode.inviteRequired]: 'invite link required',
  [CloseCode.inviteInvalid]: 'invite link is not valid for this board',
  [CloseCode.inviteRevoked]: 'invite link was revoked',
  [CloseCode.inviteExpired]: 'invite link has expired',
  [CloseCode.boardTooLarge]: 'the board has reached its size limit',
  [CloseCode.invalidRecord]: 'update holds an invalid record',
  [CloseCode.rateLimited]: 'too many messages; slow down',
  [CloseCode.pendingTooLarge]: 'too many updates wait for missing changes',
  [CloseCode.storageFailure]: 'storage failure',
}
