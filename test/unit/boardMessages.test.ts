import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { decodeBoardMessage, decodeLinkChange, encodeBoardMessage, encodeLinkChange, type BoardMessage } from '../../server/pubsub/boardMessages.js'

const MESSAGES: BoardMessage[] = [
  { kind: 'update', firstSeq: 41, updates: [new Uint8Array([1, 2, 3]), new Uint8Array([])] },
  { kind: 'presence', update: new Uint8Array([9, 8, 7]) },
  { kind: 'control', message: { type: 'lock', isLocked: true } as never },
  { kind: 'signal', what: 'rounds' },
]

/** Bytes as another writer could put them on a board's channel: an instance id, then whatever it likes. */
function written(instanceId: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, instanceId)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

describe('messages between instances (server/pubsub/boardMessages.ts)', () => {
  it.each(MESSAGES.map((message) => [message.kind, message] as const))('reads back a %s message as written, with its instance', (_kind, message) => {
    expect(decodeBoardMessage(encodeBoardMessage('instance-a', message))).toEqual({ instanceId: 'instance-a', message })
  })

  it('refuses every truncation of every kind, and a byte too many', () => {
    for (const message of MESSAGES) {
      const bytes = encodeBoardMessage('instance-a', message)
      for (let length = 0; length < bytes.length; length++) expect(() => decodeBoardMessage(bytes.slice(0, length)), `${message.kind} cut at ${length}`).toThrow()
      expect(() => decodeBoardMessage(new Uint8Array([...bytes, 0])), `${message.kind} with a byte more`).toThrow(/trailing/)
    }
  })

  it.each([
    ['an unknown kind (a later release)', written('b', (e) => encoding.writeVarUint(e, 9))],
    ['a control message that is not JSON', written('b', (e) => (encoding.writeVarUint(e, 2), encoding.writeVarString(e, '{"type":')))],
    ['a control message of no type the clients know', written('b', (e) => (encoding.writeVarUint(e, 2), encoding.writeVarString(e, '{"type":"shutdown"}')))],
    ['a control message that is JSON null', written('b', (e) => (encoding.writeVarUint(e, 2), encoding.writeVarString(e, 'null')))],
    ['an unknown signal', written('b', (e) => (encoding.writeVarUint(e, 3), encoding.writeVarString(e, 'everything')))],
    ['an update message claiming 2^32 updates', written('b', (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 1), encoding.writeVarUint(e, 2 ** 32)))],
    ['an update whose length runs past the end', written('b', (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 1), encoding.writeVarUint(e, 1), encoding.writeVarUint(e, 1_000_000)))],
  ])('refuses %s', (_what, bytes) => {
    expect(() => decodeBoardMessage(bytes)).toThrow()
  })

  it('throws only Errors on 5,000 random byte strings, never hangs or returns what was not written', () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256
    for (let i = 0; i < 5_000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (i % 64) }, next)
      try {
        const { message } = decodeBoardMessage(bytes)
        // Random bytes can spell a real message; whatever came out must then encode back to the same bytes.
        expect(encodeBoardMessage(decodeBoardMessage(bytes).instanceId, message)).toEqual(bytes)
      } catch (error) {
        expect(error).toBeInstanceOf(Error)
      }
    }
  })

  it('reads back a revocation and a new expiry, and refuses any other shape of link change', () => {
    expect(decodeLinkChange(encodeLinkChange('a', { linkId: 'l1', expiresAt: null }))).toEqual({ instanceId: 'a', change: { linkId: 'l1', expiresAt: null } })
    expect(decodeLinkChange(encodeLinkChange('a', { linkId: 'l1', expiresAt: 1_800_000_000_000 })).change.expiresAt).toBe(1_800_000_000_000)
    for (const json of ['null', '[]', '{}', '{"linkId":1,"expiresAt":null}', '{"linkId":"l","expiresAt":"soon"}', '{"linkId":"l"}', '{"linkId":"l","expiresAt":null,"role":"facilitator"}', '{"linkId":"l","expiresAt":1e400}']) {
      expect(() => decodeLinkChange(written('a', (e) => encoding.writeVarString(e, json))), json).toThrow()
    }
    const bytes = encodeLinkChange('a', { linkId: 'l1', expiresAt: null })
    expect(() => decodeLinkChange(new Uint8Array([...bytes, 1]))).toThrow(/trailing/)
  })
})
