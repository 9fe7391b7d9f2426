import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { SeededRandom } from './seededRandom.js'
import {
  awarenessFrame,
  awarenessUpdate,
  controlFrame,
  encode,
  freshRecordFrame,
  helloFrame,
  queryAwarenessFrame,
  recordsOf,
  recordUpdate,
  syncFrame,
  type WireFrame,
} from './wireFrames.js'

/** The classes of malformed frame the fuzzer makes; each has its own generator below. */
export const FUZZ_CLASSES = [
  'random bytes',
  'valid prefix then garbage',
  'truncated real frame',
  'huge declared length',
  'message type with garbage payload',
  'sync update with flipped bytes',
  'hostile awareness',
  'control with wrong field types',
  'text frame',
] as const
/** One class of malformed frame. */
export type FuzzClass = (typeof FUZZ_CLASSES)[number]

/** One frame to send: malformed (of a class) or valid (sent first, so the malformed ones after it reach a live connection). */
export interface FuzzFrame {
  kind: FuzzClass | 'valid'
  data: WireFrame
}

/** A varUint as raw bytes, also past 2^53 where lib0's writer loses precision: `count` continuation bytes, then a last one. */
const longVarUint = (count: number, last = 0x7f): number[] => [...Array(count).fill(0xff), last]

/** The frames a well-behaved client sends; truncating them at every length is one class, and a few are sent whole. */
function realFrames(): Uint8Array[] {
  const doc = new Y.Doc()
  const records = recordsOf(doc)
  const first = recordUpdate(doc, records, 'shape:fuzz1', 1).update
  const second = recordUpdate(doc, records, 'shape:fuzz2', 2).update
  const frames = [
    syncFrame(0, Y.encodeStateVector(doc)),
    syncFrame(1, Y.encodeStateAsUpdate(doc)),
    syncFrame(2, first),
    syncFrame(2, second),
    awarenessFrame(awarenessUpdate([{ clientId: doc.clientID, clock: 3, state: JSON.stringify({ user: { name: 'Fuzz' }, cursor: { x: 1, y: 2 } }) }])),
    helloFrame(),
    controlFrame(JSON.stringify({ type: 'vote', roundId: 'round-1', cardId: 'shape:fuzz1' })),
  ]
  doc.destroy()
  return frames
}

/** Valid record updates from their own docs, to damage byte by byte. */
function updatePool(random: SeededRandom): Uint8Array[] {
  return Array.from({ length: 16 }, (_, index) => {
    const doc = new Y.Doc()
    doc.clientID = 1 + random.int(2 ** 31)
    const { update } = recordUpdate(doc, recordsOf(doc), `shape:pool${index}`, index)
    doc.destroy()
    return update
  })
}

const HUGE_LENGTHS: number[][] = [
  [0x80, 0x80, 0x80, 0x80, 0x08], // 2^31
  [0x81, 0x80, 0x80, 0x80, 0x10], // 2^32 + 1
  longVarUint(7, 0x0f), // 2^53 - 1
  longVarUint(9), // past 2^63
  longVarUint(40), // a varUint that goes on and on
]

const WRONG_FIELDS: unknown[] = [
  { type: 'hello', protocol: '1' },
  { type: 'hello' },
  { type: 'hello', protocol: -1 },
  { type: 'hello', protocol: 1e308 },
  { type: 'hello', protocol: 2 },
  { type: 1 },
  { type: null },
  { type: ['hello'] },
  { type: { toString: 'hello' } },
  { type: 'vote', roundId: 5, cardId: {} },
  { type: 'vote', roundId: 'r'.repeat(5000), cardId: 'c' },
  { type: 'unvote', roundId: null },
  { type: 'score', roundId: 'r', cardId: 'c', impact: 'huge', effort: [] },
  { type: 'score', roundId: 'r', cardId: 'c', impact: 1e9, effort: -1 },
  { type: 'start-round', settings: 'all of them' },
  { type: 'start-round', settings: { scope: 42, votesPerPerson: -5, maxPerCard: 'x' } },
  { type: 'reveal-round', roundId: [] },
  { type: 'close-round' },
  { type: 'set-lock', isLocked: 'yes' },
  { type: 'timer', action: 'explode', durationMs: '60000' },
  { type: 'timer', action: 'start', durationMs: -1 },
  { type: 'timer', action: 'start', durationMs: 1e308 },
  { type: 'follow', isOn: 1 },
  { type: 'summon', bounds: null },
  { type: 'summon', bounds: { x: 'a', y: null, w: [], h: {} } },
  { constructor: { prototype: { isAdmin: true } }, type: 'vote' },
  [],
  [{ type: 'hello', protocol: 1 }],
  'hello',
  42,
  null,
  true,
]

/** Control texts with wrong field types, plus texts JSON.stringify cannot produce (prototype keys, duplicate keys, lone surrogates). */
const WRONG_CONTROL: string[] = [
  ...WRONG_FIELDS.map((value) => JSON.stringify(value)),
  '{"__proto__":{"type":"hello","protocol":1},"type":"vote"}',
  '{"type":"hello","protocol":1,"type":"vote","roundId":"r","cardId":"c"}',
  '{"type":"hello","protocol":1}\u0000',
  '{"type":"vote","roundId":"\\ud800","cardId":"\\udfff"}',
]

/** A JSON text nested `depth` deep, as arrays or objects. */
const nested = (depth: number, asObject: boolean): string => (asObject ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth))

/**
 * A seeded source of malformed frames of every class. The same seed gives the same
 * frames, so a failing run is replayed from its seed alone.
 */
export function createFrameFuzzer(random: SeededRandom): { next(): FuzzFrame; valid(): FuzzFrame } {
  const reals = realFrames()
  const pool = updatePool(random)
  let truncation = 0
  const bytes = (length: number): number[] => Array.from({ length }, () => random.int(256))
  const someLength = (): number => random.pick([0, 1, 2, 3, 5, 8, 16, 64, 300, 2000])
  const varUint = (value: number): number[] => [...encode((encoder) => encoding.writeVarUint(encoder, value))]
  const clientId = (): number => random.pick([0, 1, random.int(2 ** 31), 2 ** 32 - 1, 2 ** 53 - 1])

  const generators: Record<FuzzClass, () => WireFrame> = {
    'random bytes': () => Uint8Array.from(bytes(someLength())),
    'valid prefix then garbage': () => {
      const prefix = random.pick([[0], [0, 0], [0, 0, 1], [0, 0, 2], [0, 1], [0, 2], [0, 2, 0x10], [1], [1, 1], [2], [2, 0], [3], [8], [8, 0x20]])
      return Uint8Array.from([...prefix, ...bytes(1 + random.int(40))])
    },
    // Every cut of every real frame in turn, so each length is tried, not just random ones.
    'truncated real frame': () => {
      for (;;) {
        let index = truncation++
        for (const frame of reals) {
          if (index < frame.length) return frame.slice(0, index)
          index -= frame.length
        }
        truncation = 0
      }
    },
    'huge declared length': () => {
      const head = random.pick([[0, 0], [0, 1], [0, 2], [1], [8], [1, 1, 0, 1]])
      return Uint8Array.from([...head, ...random.pick(HUGE_LENGTHS), ...bytes(random.int(8))])
    },
    'message type with garbage payload': () => {
      const type = random.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 63, 64, 127, 128, 255, 16383, 2 ** 32])
      return Uint8Array.from([...varUint(type), ...bytes(random.int(48))])
    },
    'sync update with flipped bytes': () => {
      const update = random.pick(pool).slice()
      for (let flips = 1 + random.int(4); flips > 0; flips--) update[random.int(update.length)] ^= 1 + random.int(255)
      return syncFrame(random.pick([1, 2]), update)
    },
    'hostile awareness': () => {
      const state = random.pick([
        () => '{not json',
        () => '',
        () => 'null',
        () => nested(1_000 + random.int(20_000), random.next() < 0.5),
        () => JSON.stringify({ user: { name: 'x'.repeat(random.int(70_000)) } }),
        () => JSON.stringify({ user: 5, cursor: 'here', presence: [] }),
      ])()
      const clock = random.pick([0, 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1])
      // Many entries only with small states, so a plan of 20,000 frames stays a few MiB.
      const count = state.length > 1_000 ? 1 : random.pick([1, 1, 2, 50])
      const entries = Array.from({ length: count }, () => ({ clientId: clientId(), clock, state }))
      const update = awarenessUpdate(entries)
      return awarenessFrame(random.next() < 0.2 ? update.slice(0, random.int(update.length)) : update)
    },
    'control with wrong field types': () => {
      const text = random.pick(WRONG_CONTROL)
      if (random.next() < 0.15) return controlFrame(text.slice(0, -1))
      return random.next() < 0.1 ? controlFrame(nested(5_000 + random.int(20_000), random.next() < 0.5)) : controlFrame(text)
    },
    'text frame': () => random.pick([
      () => JSON.stringify({ type: 'hello', protocol: 1 }),
      () => '',
      () => '\u0000\u0008\u0000',
      () => 'x'.repeat(random.int(10_000)),
      () => String.fromCharCode(...bytes(1 + random.int(64)).map((byte) => 32 + (byte % 95))),
    ])(),
  }

  return {
    next() {
      const kind = random.pick(FUZZ_CLASSES)
      return { kind, data: generators[kind]() }
    },
    valid() {
      // Record updates weigh double: a batch pending in the room is what exposes work deferred to after its commit.
      const update = () => freshRecordFrame(`shape:v${random.int(1e9)}`, random.int(1000))
      const data = random.pick([
        update,
        update,
        helloFrame,
        queryAwarenessFrame,
        () => reals[random.int(reals.length)],
      ])()
      return { kind: 'valid', data }
    },
  }
}
