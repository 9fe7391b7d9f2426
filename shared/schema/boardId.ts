/** A board id: 128 random bits in base64url, 22 characters. The link is the capability. */
export type BoardId = string

const BOARD_ID = /^[A-Za-z0-9_-]{22}$/

/** Creates an unguessable board id from the platform's cryptographic random source. */
export function createBoardId(): BoardId {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Whether a string has the form of a board id (it may still not exist). */
export function isBoardId(value: string): value is BoardId {
  return BOARD_ID.test(value)
}
