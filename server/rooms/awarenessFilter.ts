import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** One entry of a y-protocols awareness update. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: string
}

/** Decodes a y-protocols awareness update into its entries; throws on a malformed update. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    entries.push({ clientId, clock, state })
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness entries')
  return entries
}

/** Encodes entries back into a y-protocols awareness update. */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}
