import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { createServer, type ServerHandle } from '../../server/createServer.js'
import { silentLogger } from '../../server/log.js'
import { createSqliteStorage } from '../../server/storage/createSqliteStorage.js'
import type { DocStorage } from '../../server/storage/DocStorage.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectRawClient } from '../helpers/rawClient.js'
import { connectStockClient, geoShape } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

/** Real SQLite whose commits wait at a gate the test opens: shows what happens between apply and commit. */
function gatedStorage(inner: DocStorage) {
  let gate: Promise<void> = Promise.resolve()
  let open = (): void => {}
  const committed: number[] = []
  const entered: number[] = []
  const storage: DocStorage = {
    ...inner,
    kind: inner.kind,
    async appendUpdates(id, updates) {
      entered.push(updates.length)
      await gate
      const seq = await inner.appendUpdates(id, updates)
      committed.push(seq)
      return seq
    },
  }
  return {
    storage,
    committed,
    entered,
    close() {
      gate = new Promise((resolve) => (open = resolve))
    },
    open: () => open(),
  }
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('durable before visible', () => {
  it('broadcasts and acks an update only after it is committed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kuilu-gate-'))
    const sqlite = createSqliteStorage(join(dataDir, 'kuilu.sqlite'))
    const gated = gatedStorage(sqlite)
    const server: ServerHandle = await createServer({ storage: gated.storage, log: silentLogger, port: 0, host: '127.0.0.1', distDir: null })
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => sqlite.close(), () => server.close())
    const boardId = 'GATEDGATEDGATEDGATED00'
    await sqlite.createBoard(boardId, Date.now())
    const syncUrl = `ws://127.0.0.1:${server.port}/sync`

    const watcher = await connectStockClient(syncUrl, boardId)
    cleanups.push(() => watcher.destroy())
    const sender = await connectRawClient(syncUrl, boardId)
    cleanups.push(() => sender.close())
    sender.hello()
    await waitFor(() => sender.control.some((m) => m.type === 'ack'), { what: 'initial ack' })
    const acksBefore = sender.control.filter((m) => m.type === 'ack').length

    gated.close()
    const source = new Y.Doc()
    new YKeyValue<unknown>(source.getArray(RECORDS_KEY)).set('shape:gated', geoShape('shape:gated'))
    sender.sendUpdate(Y.encodeStateAsUpdate(source))
    let hasLateSynced = false
    const lateJoin = connectRawClient(syncUrl, boardId).then((client) => ((hasLateSynced = true), client))

    // While the commit waits: nobody has seen the update, no ack, and a joining client's sync waits too.
    await waitFor(() => gated.entered.length > 0, { what: 'the commit to start' })
    expect(watcher.records.has('shape:gated')).toBe(false)
    expect(sender.control.filter((m) => m.type === 'ack')).toHaveLength(acksBefore)
    expect(gated.committed).toEqual([])
    expect(hasLateSynced).toBe(false)

    gated.open()
    await waitFor(() => watcher.records.has('shape:gated'), { what: 'broadcast after commit' })
    await waitFor(() => sender.control.some((m) => m.type === 'ack' && m.clocks[String(source.clientID)] === 1), { what: 'ack after commit' })
    expect(gated.committed.length).toBeGreaterThan(0)
    const late = await lateJoin
    cleanups.push(() => late.close())
    expect(new YKeyValue<unknown>(late.doc.getArray(RECORDS_KEY)).has('shape:gated')).toBe(true)
  })
})
