import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../server/log.js'
import { createRedisPubSub } from '../../server/pubsub/createRedisPubSub.js'
import type { PubSub } from '../../server/pubsub/PubSub.js'
import { RoomFanout, type FanoutHost } from '../../server/rooms/RoomFanout.js'
import { createMemoryStorage } from '../../server/storage/createMemoryStorage.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { createBoardId, type BoardId } from '../../shared/schema/boardId.js'
import { hasRedis, REDIS_URL, testRedisPrefix } from '../helpers/redis.js'
import { waitFor } from '../helpers/waitFor.js'

const isReady = await hasRedis()

/** An update that inserts one number into a shared array, written by a doc of its own (so each is a distinct, appliable update). */
function updateOf(value: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getArray<number>('values').push([value])
  return Y.encodeStateAsUpdate(doc)
}

/** What a room would do with what the fan-out hands it: applies the updates to a doc, and says which values it got. */
function roomDoc(): FanoutHost & { doc: Y.Doc; values(): number[]; presenceHeard: number } {
  const doc = new Y.Doc()
  const room = {
    doc,
    presenceHeard: 0,
    values: () => [...doc.getArray<number>('values').toArray()].sort((a, b) => a - b),
    applyRemote: (updates: readonly Uint8Array[]) => updates.forEach((update) => Y.applyUpdate(doc, update)),
    remotePresence: () => void room.presenceHeard++,
    remoteControl: () => {},
    remoteSignal: () => {},
  }
  return room
}

/** The memory store, counting the log reads a room makes to fill gaps. */
function countedStorage(): DocStorage & { reads: number } {
  const storage = createMemoryStorage()
  const counted = Object.assign(Object.create(storage) as DocStorage, { reads: 0 })
  counted.loadUpdatesAfter = async (id, afterSeq) => {
    counted.reads++
    return storage.loadUpdatesAfter(id, afterSeq)
  }
  return counted as DocStorage & { reads: number }
}

describe.runIf(isReady)('a room on a board two instances write (RoomFanout over the real Redis)', () => {
  const opened: { close(): unknown }[] = []
  afterEach(async () => {
    for (const each of opened.splice(0).reverse()) await each.close()
  })
  async function setUp() {
    const prefix = testRedisPrefix()
    const storage = countedStorage()
    const boardId: BoardId = createBoardId()
    await storage.createBoard({ id: boardId, createdAt: Date.now(), initialUpdate: null, workshop: null })
    const pubsubs: PubSub[] = []
    for (let i = 0; i < 2; i++) pubsubs.push(await createRedisPubSub(REDIS_URL, { log: silentLogger, prefix, instanceId: `instance-${i}` }))
    opened.push(...pubsubs)
    const room = roomDoc()
    const fanout = new RoomFanout(boardId, pubsubs[1], storage, silentLogger, room, 0)
    opened.push(fanout)
    // The other instance only publishes here: what it committed, as RoomFanout.committed publishes it (its own catch-ups
    // read a store of its own, so that the count is this room's).
    const otherInstance = new RoomFanout(boardId, pubsubs[0], createMemoryStorage(), silentLogger, roomDoc(), 0)
    opened.push(otherInstance)
    // Subscriptions take a round trip to Redis before they hear anything: the other instance sends presence until this room hears it.
    await waitFor(() => {
      otherInstance.publish({ kind: 'presence', update: new Uint8Array([0]) })
      return room.presenceHeard > 0
    }, { what: "this room's subscription", intervalMs: 20 })
    return { storage, boardId, room, fanout, otherInstance }
  }
  const commit = async (storage: DocStorage, boardId: BoardId, update: Uint8Array) => storage.appendUpdates(boardId, [update])

  it("takes another instance's update that arrives after its own later one from Redis, without reading the log", async () => {
    const { storage, boardId, room, fanout, otherInstance } = await setUp()
    const theirs = updateOf(1)
    const theirSeq = await commit(storage, boardId, theirs)
    // This instance commits the next update and learns of it before the other's message has arrived.
    const ours = updateOf(2)
    const ourSeq = await commit(storage, boardId, ours)
    Y.applyUpdate(room.doc, ours)
    fanout.committed(ourSeq, [ours])
    expect(fanout.seenSeq).toBe(0)
    otherInstance.committed(theirSeq, [theirs])
    await waitFor(() => fanout.seenSeq === ourSeq, { what: 'the gap filled from Redis' })
    expect(room.values()).toEqual([1, 2])
    // The gap's wait is called off once the message fills it, so no read of the log can follow (only that wait reads for a gap).
    expect(fanout.isWaitingForGap).toBe(false)
    expect(storage.reads).toBe(0)
  })

  it('reads the log for an update whose message never comes, once the wait is over, and everything held after it follows in order', async () => {
    const { storage, boardId, room, fanout, otherInstance } = await setUp()
    const lost = updateOf(1)
    await commit(storage, boardId, lost) // committed by the other instance, its message lost
    const later = updateOf(3)
    const laterSeq = await commit(storage, boardId, later)
    otherInstance.committed(laterSeq, [later]) // arrives past the gap: held
    const ours = updateOf(5)
    const ourSeq = await commit(storage, boardId, ours)
    Y.applyUpdate(room.doc, ours)
    fanout.committed(ourSeq, [ours])
    expect(fanout.isWaitingForGap).toBe(true)
    await waitFor(() => fanout.seenSeq === ourSeq, { what: 'the gap filled from the log' })
    expect(room.values()).toEqual([1, 3, 5])
    expect(storage.reads).toBe(1)
  })
})
