import { describe, expect, it } from 'vitest'
import { packAppend, unpackAppend } from '../../server/storage/sqlite/packedAppend.js'

describe('a group commit packed for the storage thread', () => {
  it('carries views into a large frame buffer as their own bytes only, and unpacks to the same boards and updates in order', () => {
    // As an update arrives: a view into the socket's read, which holds much more than the update.
    const frame = new Uint8Array(64 * 1024).map((_, index) => index % 256)
    const entries = [
      { id: 'board-a', updates: [frame.subarray(10, 20), frame.subarray(500, 503)] },
      { id: 'board-b', updates: [frame.subarray(40_000, 40_400)] },
      { id: 'board-a', updates: [new Uint8Array([7])] },
      { id: 'board-c', updates: [] },
    ]
    const packed = packAppend(entries)
    expect(packed.bytes.buffer.byteLength).toBe(10 + 3 + 400 + 1)
    expect(packed.boards).toEqual([
      { id: 'board-a', lengths: [10, 3] },
      { id: 'board-b', lengths: [400] },
      { id: 'board-a', lengths: [1] },
      { id: 'board-c', lengths: [] },
    ])
    const unpacked = unpackAppend(structuredClone(packed, { transfer: [packed.bytes.buffer] }))
    expect(unpacked).toEqual(entries.map(({ id, updates }) => ({ id, updates: updates.map((update) => new Uint8Array(update)) })))
    // The frame stays usable: its bytes were copied, not moved.
    expect(frame[11]).toBe(11)
  })

  it('refuses lengths that run past the packed bytes instead of reading short updates', () => {
    const packed = packAppend([{ id: 'board-a', updates: [new Uint8Array([1, 2, 3])] }])
    expect(() => unpackAppend({ ...packed, boards: [{ id: 'board-a', lengths: [2, 2] }] })).toThrow(/shorter than its lengths/)
    expect(() => unpackAppend({ ...packed, boards: [{ id: 'board-a', lengths: [-1] }] })).toThrow(/shorter than its lengths/)
  })
})
