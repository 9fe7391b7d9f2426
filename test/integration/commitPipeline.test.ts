import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../../server/log.js'
import { CommitPipeline, type CommittedBatch } from '../../server/rooms/CommitPipeline.js'
import { stateClocks } from '../../server/rooms/clocks.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite/openSqliteStore.js'
import { waitFor } from '../helpers/waitFor.js'

const BOARD = 'PIPELINEPIPELINEPIPE00'

/**
 * Our DocStorage over the real SQLite store that can hold appends and
 * compactions until the test releases them, and notes when each one enters,
 * commits or fails: how a test sees the order of events around a commit that
 * runs on another thread.
 */
function heldStorage(inner: DocStorage) {
  const events: string[] = []
  const held: (() => void)[] = []
  const settings = { holdAppends: true, holdCompacts: false }
  const pass = async (what: string, isHeld: boolean) => {
    events.push(`${what} entered`)
    if (isHeld) await new Promise<void>((resolve) => held.push(resolve))
  }
  const note = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      const value = await run()
      events.push(`${what} committed`)
      return value
    } catch (error) {
      events.push(`${what} failed`)
      throw error
    }
  }
  let appends = 0
  let compacts = 0
  const storage: DocStorage = {
    kind: `held ${inner.kind}`,
    createBoard: (board) => inner.createBoard(board),
    getBoard: (id) => inner.getBoard(id),
    loadDoc: (id) => inner.loadDoc(id),
    loadUpdatesAfter: (id, afterSeq) => inner.loadUpdatesAfter(id, afterSeq),
    async appendUpdates(id, updates) {
      const what = `append ${++appends} (${updates.length})`
      await pass(what, settings.holdAppends)
      return note(what, () => inner.appendUpdates(id, updates))
    },
    async compact(id, snapshot, stateVector, throughSeq) {
      const what = `compact ${++compacts} through ${throughSeq}`
      await pass(what, settings.holdCompacts)
      return note(what, () => inner.compact(id, snapshot, stateVector, throughSeq))
    },
    close: () => inner.close(),
  }
  return {
    storage,
    events,
    settings,
    /** Lets the oldest held call go on to the real store. */
    releaseNext() {
      const release = held.shift()
      if (!release) throw new Error('nothing is held')
      release()
    },
    /** Stops holding and lets everything held go on: what a cleanup does, so no test can leave a close waiting. */
    releaseAll() {
      Object.assign(settings, { holdAppends: false, holdCompacts: false })
      for (const release of held.splice(0)) release()
    },
    /** Resolves once `what` has happened. */
    until: (what: string) => waitFor(() => events.includes(what), { what }),
  }
}

/** Gives the event loop a few full turns: enough for anything not waiting on storage to happen. */
async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve))
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A real SQLite store in a temp dir with one board, a held storage over it, and a pipeline over a Y.Doc of our own. */
async function startPipeline(options: { compactAfterUpdates?: number; appliedSeq?: () => number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kuilu-pipeline-'))
  const file = join(dir, 'kuilu.sqlite')
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const store: SqliteStore = await openSqliteStore(file)
  cleanups.push(() => store.close())
  await store.docs.createBoard({ id: BOARD, createdAt: 1, initialUpdate: null, workshop: null })
  const held = heldStorage(store.docs)
  const doc = new Y.Doc()
  const committed: CommittedBatch<string>[] = []
  const failures: unknown[] = []
  const pipeline = new CommitPipeline<string>(BOARD, held.storage, silentLogger, options.compactAfterUpdates ?? 1_000, {
    cutClocks: () => stateClocks(doc),
    snapshot: () => ({ update: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) }),
    appliedSeq: options.appliedSeq ?? (() => Number.MAX_SAFE_INTEGER),
    committed: (batch) => void committed.push(batch),
    failed: (error) => void failures.push(error),
  }, { lastSeq: 0, seqAtSnapshot: 0, storedBytes: 0 })
  cleanups.push(() => pipeline.close(), () => held.releaseAll())
  const sent: Uint8Array[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (typeof origin !== 'string') return
    sent.push(update)
    pipeline.add(update, origin)
  })
  return {
    store, file, held, doc, pipeline, committed, failures, sent,
    write: (key: string, origin = 'alice') => doc.transact(() => doc.getMap('m').set(key, key), origin),
    keys: () => [...doc.getMap('m').keys()].sort(),
    /** The board's keys as storage holds them. */
    async storedKeys() {
      const stored = await store.docs.loadDoc(BOARD)
      const copy = new Y.Doc()
      if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(copy, update)
      return [...copy.getMap('m').keys()].sort()
    },
  }
}

/** Tracks whether a promise has settled yet, and how. */
function track<T>(promise: Promise<T>) {
  const state = { status: 'pending' as 'pending' | 'resolved' | 'rejected', value: undefined as T | undefined, error: undefined as unknown }
  promise.then((value) => Object.assign(state, { status: 'resolved', value }), (error: unknown) => Object.assign(state, { status: 'rejected', error }))
  return state
}

describe('CommitPipeline over real SQLite', () => {
  it('commits one turn\'s updates as one batch and hands it back only after storage resolves', async () => {
    const p = await startPipeline()
    p.write('a')
    p.write('b', 'bob')
    expect(p.pipeline.state).toBe('gathering')
    const done = track(p.pipeline.whenCommitted())
    await p.held.until('append 1 (2) entered')
    expect(p.pipeline.state).toBe('committing')
    await turns()
    expect([done.status, p.committed.length]).toEqual(['pending', 0])
    p.held.releaseNext()
    await waitFor(() => done.status === 'resolved', { what: 'the commit' })
    expect(p.committed).toHaveLength(1)
    expect(p.committed[0].entries.map((entry) => entry.origin)).toEqual(['alice', 'bob'])
    expect(p.committed[0].clocks).toEqual(stateClocks(p.doc))
    expect(p.pipeline.state).toBe('idle')
    expect(await p.storedKeys()).toEqual(['a', 'b'])
  })

  it('keeps one commit in flight; what arrives meanwhile gathers into the next batch', async () => {
    const p = await startPipeline()
    p.write('a')
    await p.held.until('append 1 (1) entered')
    for (const key of ['b', 'c', 'd']) {
      p.write(key)
      await turns(2)
    }
    expect(p.held.events).toEqual(['append 1 (1) entered'])
    p.held.releaseNext()
    await p.held.until('append 2 (3) entered')
    p.held.releaseNext()
    await p.pipeline.whenCommitted()
    expect(p.committed.map((batch) => batch.entries.length)).toEqual([1, 3])
    expect((await p.store.docs.loadDoc(BOARD)).lastSeq).toBe(4)
  })

  it('a read asked while B1 is in flight, before B2 gathers, sees B1\'s state and resolves once B1 commits', async () => {
    const p = await startPipeline()
    p.write('a')
    await p.held.until('append 1 (1) entered')
    const read = track(p.pipeline.readCommitted(p.keys))
    p.write('b')
    await turns()
    expect(read.status).toBe('pending')
    p.held.releaseNext()
    await waitFor(() => read.status === 'resolved', { what: 'the read' })
    expect(read.value).toEqual(['a'])
    expect(p.held.events).toContain('append 1 (1) committed')
    expect(p.held.events).not.toContain('append 2 (1) committed')
    await p.held.until('append 2 (1) entered')
    p.held.releaseNext()
    await p.pipeline.whenCommitted()
  })

  it('a read asked while B2 gathers sees B2\'s state at its cut and resolves only after B2 commits', async () => {
    const p = await startPipeline()
    p.write('a')
    await p.held.until('append 1 (1) entered')
    p.write('b')
    const read = track(p.pipeline.readCommitted(p.keys))
    p.write('c')
    p.held.releaseNext()
    await p.held.until('append 2 (2) entered')
    // B2 is cut and held: the read has its value but must not show it before B2 is durable.
    p.write('d')
    await turns()
    expect(read.status).toBe('pending')
    p.held.releaseNext()
    await waitFor(() => read.status === 'resolved', { what: 'the read' })
    expect(read.value).toEqual(['a', 'b', 'c'])
    expect(p.held.events).toContain('append 2 (2) committed')
    await p.held.until('append 3 (1) entered')
    p.held.releaseNext()
    await p.pipeline.whenCommitted()
  })

  it('rejects every waiter of the batch in flight and of the one gathering when the commit fails, and tells the host once', { timeout: 10_000 }, async () => {
    const p = await startPipeline()
    p.write('a')
    await p.held.until('append 1 (1) entered')
    const onInFlight = [track(p.pipeline.whenCommitted()), track(p.pipeline.readCommitted(p.keys))]
    p.write('b')
    const onGathering = [track(p.pipeline.whenCommitted()), track(p.pipeline.readCommitted(p.keys))]
    // Closing the real store makes its storage thread refuse every call: the held append fails for real when released.
    await p.store.close()
    p.held.releaseNext()
    await waitFor(() => [...onInFlight, ...onGathering].every((waiter) => waiter.status !== 'pending'), { what: 'every waiter to settle' })
    expect([...onInFlight, ...onGathering].map((waiter) => waiter.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected'])
    expect(p.held.events).toContain('append 1 (1) failed')
    expect([p.failures.length, p.pipeline.state, p.committed.length]).toEqual([1, 'failed', 0])
    await expect(p.pipeline.whenCommitted()).rejects.toThrow()
    await expect(p.pipeline.readCommitted(p.keys)).rejects.toThrow()
    expect(() => p.write('c')).toThrow()
    await p.pipeline.close()
    expect(p.failures).toHaveLength(1)
  })

  it('a failed compaction moves no counter and keeps the log; a later one folds it', { timeout: 15_000 }, async () => {
    const p = await startPipeline({ compactAfterUpdates: 3 })
    p.held.settings.holdAppends = false
    // A trigger written by a connection of our own makes the store's own snapshot write fail inside its transaction.
    const saboteur = new Database(p.file)
    cleanups.push(() => void saboteur.close())
    saboteur.exec("CREATE TRIGGER refuse_snapshot BEFORE INSERT ON doc_snapshots BEGIN SELECT RAISE(ABORT, 'snapshot refused by the test'); END")
    for (const key of ['a', 'b', 'c']) p.write(key)
    await p.held.until('compact 1 through 3 failed')
    const loggedBytes = p.sent.reduce((sum, update) => sum + update.byteLength, 0)
    expect(p.pipeline.storedBytes).toBe(loggedBytes)
    expect(await p.store.docs.loadDoc(BOARD)).toMatchObject({ snapshot: null, lastSeq: 3 })
    expect((await p.store.docs.loadDoc(BOARD)).updates).toHaveLength(3)
    expect(p.pipeline.state).toBe('idle')

    saboteur.exec('DROP TRIGGER refuse_snapshot')
    p.held.settings.holdCompacts = true
    p.write('d')
    await p.held.until('compact 2 through 4 entered')
    // Held on its way to storage: nothing is counted as folded yet.
    expect(p.pipeline.storedBytes).toBe(loggedBytes + p.sent[3].byteLength)
    p.held.releaseNext()
    await p.held.until('compact 2 through 4 committed')
    const stored = await p.store.docs.loadDoc(BOARD)
    expect([stored.updates.length, stored.lastSeq]).toEqual([0, 4])
    expect(stored.snapshotStateVector).toEqual(Y.encodeStateVector(p.doc))
    expect(p.pipeline.storedBytes).toBe(stored.snapshot!.byteLength)
    expect(await p.storedKeys()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('compacts under steady load, when a batch is always gathering as the last one commits', { timeout: 15_000 }, async () => {
    const p = await startPipeline({ compactAfterUpdates: 5 })
    p.held.settings.holdAppends = false
    let written = 0
    // One write per turn until a compaction has committed: the pipeline is never idle in between.
    while (!p.held.events.some((event) => event.startsWith('compact') && event.endsWith('committed'))) {
      p.write(`k${written++}`)
      await turns(1)
      if (written > 2_000) throw new Error('no compaction under steady load')
    }
    expect(p.pipeline.state).not.toBe('idle')
    await p.pipeline.whenCommitted()
    const stored = await p.store.docs.loadDoc(BOARD)
    expect(stored.snapshot).not.toBeNull()
    // The snapshot read at the cut holds exactly what its commit made durable; the log holds the rest.
    expect(await p.storedKeys()).toEqual(p.keys())
    expect(stored.updates.length).toBeLessThan(written)
  })

  it("never folds away another instance's updates: a snapshot read before they were applied is not compacted", { timeout: 15_000 }, async () => {
    // Another instance logged seq 1..2 that this doc has not applied (applied through 0) when the batch is cut.
    let applied = 0
    const p = await startPipeline({ compactAfterUpdates: 1, appliedSeq: () => applied })
    await p.store.docs.appendUpdates(BOARD, [new Uint8Array([0, 0]), new Uint8Array([0, 0])])
    p.write('mine')
    await p.held.until('append 1 (1) entered')
    // They arrive (by pub/sub) while this batch commits as seq 3: applied catches up, but the snapshot was read without them.
    applied = 3
    p.held.settings.holdAppends = false
    p.held.releaseNext()
    await p.pipeline.whenCommitted()
    await turns(10)
    expect(p.held.events.filter((event) => event.startsWith('compact'))).toEqual([])
    expect((await p.store.docs.loadDoc(BOARD)).updates).toHaveLength(3)
    // A later batch cut while everything before it is applied compacts.
    p.write('later')
    await p.held.until('compact 1 through 4 committed')
  })
})
