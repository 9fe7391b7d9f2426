import type { BoardId } from '../../../shared/schema/boardId.js'
import type { AppendEntry } from '../DocStorage.js'

/**
 * A group commit's updates packed into one buffer of their own, for the trip
 * to the storage thread. An update is a view into the WebSocket frame it came
 * in, and a message to a thread copies a view's whole underlying buffer (often
 * the socket's whole read, tens of KiB) for each update; packed, the batch is
 * copied once and its buffer is transferred, not cloned.
 */
export interface PackedAppend {
  bytes: Uint8Array
  /** Each board's id and the byte lengths of its updates, in the order they lie in `bytes`. */
  boards: { id: BoardId; lengths: number[] }[]
}

export function packAppend(entries: readonly AppendEntry[]): PackedAppend {
  let total = 0
  for (const entry of entries) for (const update of entry.updates) total += update.byteLength
  const bytes = new Uint8Array(total)
  let offset = 0
  const boards = entries.map(({ id, updates }) => ({
    id,
    lengths: updates.map((update) => {
      bytes.set(update, offset)
      offset += update.byteLength
      return update.byteLength
    }),
  }))
  return { bytes, boards }
}

/** The entries back, each update a view into the packed buffer. */
export function unpackAppend({ bytes, boards }: PackedAppend): AppendEntry[] {
  let offset = 0
  return boards.map(({ id, lengths }) => ({
    id,
    updates: lengths.map((length) => {
      if (length < 0 || offset + length > bytes.byteLength) throw new Error('a packed append is shorter than its lengths say')
      const update = bytes.subarray(offset, offset + length)
      offset += length
      return update
    }),
  }))
}
