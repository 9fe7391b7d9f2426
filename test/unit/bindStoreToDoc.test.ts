import { T, createTLStore, type IndexKey } from '@tldraw/editor'
import { transact } from '@tldraw/state'
import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  createShapeId,
  createTLSchema,
  defaultShapeSchemas,
  toRichText,
  type TLInstance,
  type TLPageId,
  type TLRecord,
  type TLShape,
  type TLShapeId,
  type TLStore,
} from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RecordsKeyValue } from '../../client/sync/RecordsKeyValue.js'
import { bindStoreToDoc, type StoreBinding } from '../../client/sync/bindStoreToDoc.js'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { entryProblem, readRecordEntries } from '../../shared/schema/readRecordEntries.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'
import { BAD_ENTRIES, boardWithBadEntries, goodRecords, type BadEntry } from '../helpers/badEntries.js'
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js'

const PAGE_ID = 'page:page' as TLPageId
const INDEX = 'a1' as IndexKey
const shapeType = createTLSchema().types.shape
/** Origin of updates applied from the in-memory network; they are not forwarded again. */
const TRANSPORT = Symbol('transport')

const GEO_PROPS = {
  geo: 'rectangle', dash: 'draw', url: '', w: 100, h: 80, growY: 0, scale: 1, flipX: false, flipY: false,
  labelColor: 'black', color: 'black', fill: 'none', size: 'm', font: 'draw', align: 'middle',
  verticalAlign: 'middle', richText: toRichText('gap'),
}
const TEXT_PROPS = { color: 'black', size: 'm', font: 'draw', textAlign: 'start', w: 120, richText: toRichText('elevator'), scale: 1, autoSize: true }

function shape(id: TLShapeId, type: 'geo' | 'text' | 'sticker', x = 0, y = 0): TLShape {
  const props = type === 'geo' ? GEO_PROPS : type === 'text' ? TEXT_PROPS : { label: 'custom' }
  return shapeType.create({ id, type, parentId: PAGE_ID, index: INDEX, x, y, props } as never) as TLShape
}

/** A store that knows one extra shape type, as a board with custom cards would. */
function createStickerStore(): TLStore {
  return createTLStore({ schema: createTLSchema({ shapes: { ...defaultShapeSchemas, sticker: { props: { label: T.string } } } }) })
}

function boardRecords(): TLRecord[] {
  return [DocumentRecordType.create({ id: TLDOCUMENT_ID }), PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: INDEX })]
}

function documentRecords(store: TLStore): Record<string, unknown> {
  const records = store.allRecords().filter((record) => store.schema.types[record.typeName].scope === 'document')
  return Object.fromEntries(records.map((record) => [record.id, record]))
}

/** The doc's records as YKeyValue reads them: the rightmost entry of a key wins. */
function docRecords(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(doc.getArray<{ key: string; val: unknown }>(RECORDS_KEY).map((entry) => [entry.key, entry.val]))
}

const cleanups: (() => void)[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function bind(store: TLStore, doc: Y.Doc, onQuarantine?: (id: string, reason: string) => void, onRelease?: (id: string) => void): StoreBinding {
  const binding = bindStoreToDoc(store, doc, { onQuarantine, onRelease })
  cleanups.push(() => binding.close())
  return binding
}

interface Peer {
  doc: Y.Doc
  store: TLStore
  binding?: StoreBinding
  isOnline: boolean
}

interface Link {
  from: Peer
  to: Peer
  updates: Uint8Array[]
}

/** In-memory peers in a full mesh, like yjs's testHelper: updates queue per link and flow only while both ends are online. */
class MemoryNetwork {
  readonly peers: Peer[] = []
  private readonly links: Link[] = []

  constructor(count: number, createStore: () => TLStore = () => createTLStore()) {
    for (let i = 0; i < count; i++) {
      const peer: Peer = { doc: new Y.Doc(), store: createStore(), isOnline: true }
      this.peers.push(peer)
      cleanups.push(() => (peer.doc.destroy(), peer.store.dispose()))
    }
    for (const from of this.peers) {
      const outgoing = this.peers.filter((to) => to !== from).map((to): Link => ({ from, to, updates: [] }))
      this.links.push(...outgoing)
      from.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== TRANSPORT) for (const link of outgoing) link.updates.push(update)
      })
    }
  }

  bind(peer: Peer, onQuarantine?: (id: string, reason: string) => void, onRelease?: (id: string) => void): void {
    peer.binding = bind(peer.store, peer.doc, onQuarantine, onRelease)
  }

  /** Delivers up to `count` queued updates, each on a random open link. */
  deliverRandom(rng: SeededRandom, count: number): void {
    for (let i = 0; i < count; i++) {
      const open = this.links.filter((link) => link.updates.length > 0 && link.from.isOnline && link.to.isOnline)
      if (open.length === 0) return
      const link = rng.pick(open)
      Y.applyUpdate(link.to.doc, link.updates.shift()!, TRANSPORT)
    }
  }

  /** Reconnects everyone and delivers until nothing is in flight. */
  deliverAll(): void {
    for (const peer of this.peers) peer.isOnline = true
    for (let round = 0; this.links.some((link) => link.updates.length > 0); round++) {
      if (round > 10_000) throw new Error('updates keep flowing: something echoes')
      for (const link of this.links) {
        const update = link.updates.shift()
        if (update) Y.applyUpdate(link.to.doc, update, TRANSPORT)
      }
    }
  }
}

/** A board on peer 0, synced to the others, every peer bound. */
function startBoard(count: number, createStore?: () => TLStore): MemoryNetwork {
  const net = new MemoryNetwork(count, createStore)
  net.peers[0].store.put(boardRecords())
  net.bind(net.peers[0])
  net.deliverAll()
  for (const peer of net.peers.slice(1)) net.bind(peer)
  net.deliverAll()
  return net
}

function expectConverged(net: MemoryNetwork): void {
  const expected = documentRecords(net.peers[0].store)
  for (const peer of net.peers) {
    expect(documentRecords(peer.store)).toEqual(expected)
    expect(docRecords(peer.doc)).toEqual(expected)
    expect(peer.doc.getArray(RECORDS_KEY).length).toBe(Object.keys(expected).length)
  }
}

function randomEdit(store: TLStore, rng: SeededRandom): void {
  const shapes = store.allRecords().filter((record): record is TLShape => record.typeName === 'shape')
  const roll = rng.next()
  if (roll < 0.35 || shapes.length === 0) {
    store.put([shape(createShapeId(`s${rng.int(30)}`), rng.pick(['geo', 'text'] as const), rng.int(1000), rng.int(1000))])
  } else if (roll < 0.8) {
    const moved = shapes.filter(() => rng.next() < 0.3).concat(rng.pick(shapes))
    store.put(moved.map((s) => ({ ...s, x: rng.int(1000), props: { ...s.props, w: 10 + rng.int(300) } }) as TLShape))
  } else {
    store.remove([rng.pick(shapes).id])
  }
}

/** Random edits, deliveries and disconnects on random peers, then everything delivered. */
function playRandomly(net: MemoryNetwork, rng: SeededRandom, steps: number): void {
  for (let step = 0; step < steps; step++) {
    const roll = rng.next()
    if (roll < 0.45) randomEdit(rng.pick(net.peers).store, rng)
    else if (roll < 0.9) net.deliverRandom(rng, 1 + rng.int(4))
    else {
      const peer = rng.pick(net.peers)
      peer.isOnline = !peer.isOnline
    }
  }
  net.deliverAll()
}

describe('bindStoreToDoc', () => {
  it.each([1, 2, 3, 5, 8, 13, 21, 34])('three peers converge after random edits, delays and disconnects (seed %i)', (seed) => {
    const rng = seededRandom(seed)
    const net = startBoard(3)
    playRandomly(net, rng, 300)
    expectConverged(net)
    expect(net.peers[0].store.allRecords().some((record) => record.typeName === 'shape')).toBe(true)
  })

  it('converges when two offline peers edit, create and delete the same shapes; an edit wins over a concurrent delete', () => {
    const net = startBoard(2)
    const [a, b] = net.peers
    const id = createShapeId('contested')
    a.store.put([shape(id, 'geo')])
    net.deliverAll()
    a.isOnline = b.isOnline = false
    a.store.update(id, (s) => ({ ...s, x: 1 }))
    b.store.remove([id])
    a.store.put([shape(createShapeId('twin'), 'geo', 5)])
    b.store.put([shape(createShapeId('twin'), 'text', 7)])
    net.deliverAll()
    expectConverged(net)
    expect(a.store.get(id)?.x).toBe(1)
  })

  it('does not send a remote change back as a local update', () => {
    const net = startBoard(2)
    const [a, b] = net.peers
    const sources: string[] = []
    b.store.listen(({ source }) => sources.push(source), { scope: 'document' })
    const selfMerges = vi.spyOn(a.store, 'mergeRemoteChanges')
    const origins: unknown[] = []
    b.doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    const id = createShapeId('echo')
    a.store.put([shape(id, 'geo')])
    net.deliverAll()
    a.store.update(id, (s) => ({ ...s, x: 10 }))
    net.deliverAll()
    a.store.remove([id])
    net.deliverAll()
    expect(origins).toEqual([TRANSPORT, TRANSPORT, TRANSPORT])
    expect(sources).toEqual(['remote', 'remote', 'remote'])
    expect(selfMerges).not.toHaveBeenCalled()
    expectConverged(net)
  })

  it('writes the store\'s current record when a user change is flushed after a remote change to it', () => {
    const net = startBoard(2)
    const [a, b] = net.peers
    const id = createShapeId('raced')
    a.store.put([shape(id, 'geo')])
    net.deliverAll()
    b.store.update(id, (s) => ({ ...s, x: 2 }))
    const remoteUpdate = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc))
    // In a browser the store flushes its history once a frame; a transaction holds the flush back the same way.
    transact(() => {
      a.store.update(id, (s) => ({ ...s, y: 1 }))
      Y.applyUpdate(a.doc, remoteUpdate, TRANSPORT)
    })
    net.deliverAll()
    expectConverged(net)
  })

  it('grows the doc by less than 10 KiB when a record is overwritten 10,000 times', () => {
    const store = createTLStore()
    const dragged = shape(createShapeId('dragged'), 'geo')
    store.put([...boardRecords(), dragged])
    const doc = new Y.Doc()
    bind(store, doc)
    const sizeBefore = Y.encodeStateAsUpdate(doc).byteLength
    let transactions = 0
    doc.on('update', () => transactions++)
    for (let i = 1; i <= 10_000; i++) store.put([{ ...dragged, x: i, y: i / 2 }])
    expect(transactions).toBe(10_000)
    expect(Y.encodeStateAsUpdate(doc).byteLength - sizeBefore).toBeLessThan(10 * 1024)
    expect(docRecords(doc)[dragged.id]).toMatchObject({ x: 10_000 })
    expect(doc.getArray(RECORDS_KEY).length).toBe(3)
  })

  it('loads a doc seeded with invalid records, quarantines them and keeps applying remote updates', () => {
    const net = new MemoryNetwork(2)
    const [seeder, viewer] = net.peers
    const seed = new YKeyValue<unknown>(seeder.doc.getArray(RECORDS_KEY))
    const good = shape(createShapeId('good'), 'geo')
    const bad = shape(createShapeId('bad'), 'geo')
    for (const record of [...boardRecords(), good]) seed.set(record.id, record)
    seed.set(bad.id, { ...bad, props: { ...bad.props, w: 'wide' } })
    seed.set('shape:mismatch', shape(createShapeId('other'), 'text'))
    seed.set('shape:junk', 42)
    seed.set('instance:instance', { id: 'instance:instance', typeName: 'instance' })
    net.deliverAll()
    const quarantined: string[] = []
    expect(() => net.bind(viewer, (id) => quarantined.push(id))).not.toThrow()
    expect(quarantined.sort()).toEqual(['instance:instance', bad.id, 'shape:junk', 'shape:mismatch'].sort())
    expect(viewer.store.has(good.id)).toBe(true)
    expect(viewer.store.has(PAGE_ID)).toBe(true)
    for (const id of [bad.id, 'shape:mismatch', 'shape:other']) expect(viewer.store.has(id as TLShapeId)).toBe(false)

    seed.set(good.id, { ...good, x: 42 })
    seed.delete(bad.id)
    net.deliverAll()
    expect(viewer.store.get(good.id)?.x).toBe(42)
    seed.set(bad.id, bad)
    net.deliverAll()
    expect(viewer.store.get(bad.id)).toEqual(bad)
  })

  it('quarantines a remote update that breaks a record and never lets a doc key touch session records', () => {
    const net = startBoard(2)
    const [a, b] = net.peers
    const id = createShapeId('victim')
    a.store.put([shape(id, 'geo')])
    net.deliverAll()
    const raw = new YKeyValue<unknown>(a.doc.getArray(RECORDS_KEY))
    const quarantined: [string, string][] = []
    b.binding!.close()
    net.bind(b, (recordId, reason) => quarantined.push([recordId, reason]))
    const instanceId = 'instance:instance' as TLInstance['id']
    b.store.update(instanceId, (instance) => ({ ...instance, isToolLocked: true }))
    const instance = b.store.get(instanceId)
    raw.set(id, { ...a.store.get(id), props: { geo: 'blob' } })
    raw.set('instance:instance', { id: 'instance:instance', typeName: 'instance', garbage: true })
    net.deliverAll()
    expect(b.store.has(id)).toBe(false)
    expect(quarantined.map(([recordId]) => recordId).sort()).toEqual(['instance:instance', id])
    raw.delete('instance:instance')
    net.deliverAll()
    expect(b.store.get(instanceId)).toBe(instance)
  })

  it('releases a quarantined record once it is fixed or deleted, and only then', () => {
    const net = startBoard(2)
    const [a, b] = net.peers
    const fixed = createShapeId('fixed')
    const gone = createShapeId('gone')
    a.store.put([shape(fixed, 'geo'), shape(gone, 'geo')])
    net.deliverAll()
    const raw = new YKeyValue<unknown>(a.doc.getArray(RECORDS_KEY))
    const released: string[] = []
    b.binding!.close()
    net.bind(b, () => {}, (id) => released.push(id))
    raw.set(fixed, { ...a.store.get(fixed), props: { geo: 'blob' } })
    raw.set(gone, { ...a.store.get(gone), props: { geo: 'blob' } })
    net.deliverAll()
    expect(released).toEqual([])
    a.store.put([{ ...shape(fixed, 'geo'), x: 42 }])
    net.deliverAll()
    expect(b.store.get(fixed)?.x).toBe(42)
    expect(released).toEqual([fixed])
    raw.delete(gone)
    net.deliverAll()
    expect(released).toEqual([fixed, gone])
    a.store.put([{ ...shape(fixed, 'geo'), x: 43 }])
    net.deliverAll()
    expect(released).toEqual([fixed, gone])
  })

  it('validates against the store\'s own schema: a custom shape syncs between stores that register it', () => {
    const net = startBoard(3, createStickerStore)
    const [a, b, plain] = net.peers
    plain.binding!.close()
    plain.store.dispose()
    plain.store = createTLStore()
    const quarantined: string[] = []
    net.bind(plain, (id) => quarantined.push(id))
    const sticker = shape(createShapeId('sticker'), 'sticker')
    a.store.put([sticker])
    net.deliverAll()
    expect(b.store.get(sticker.id)).toEqual(sticker)
    expect(plain.store.has(sticker.id)).toBe(false)
    expect(quarantined).toEqual([sticker.id])
  })

  it('leaves out a record the store refuses after validation and applies the rest of the batch', () => {
    const net = startBoard(2)
    const [a, b] = net.peers
    const refused = createShapeId('refused')
    b.store.sideEffects.registerBeforeCreateHandler('shape', (record) => {
      if (record.id === refused) throw new Error('refused by a side effect')
      return record
    })
    const quarantined: [string, string][] = []
    b.binding!.close()
    net.bind(b, (recordId, reason) => quarantined.push([recordId, reason]))
    const kept = [shape(createShapeId('one'), 'geo'), shape(createShapeId('two'), 'text')]
    a.store.put([kept[0], shape(refused, 'geo'), kept[1]])
    net.deliverAll()
    expect(kept.map((record) => b.store.get(record.id))).toEqual(kept)
    expect(b.store.has(refused)).toBe(false)
    expect(quarantined).toEqual([[refused, 'refused by a side effect']])
  })

  it('seeds an empty doc from the store, and a non-empty doc wins over the store on bind', () => {
    const net = new MemoryNetwork(2)
    const [author, reader] = net.peers
    const kept = shape(createShapeId('kept'), 'geo')
    author.store.put([...boardRecords(), kept])
    net.bind(author)
    expect(docRecords(author.doc)).toEqual(documentRecords(author.store))
    expect(author.doc.getMap(META_KEY).get('schema')).toEqual(author.store.schema.serialize())
    net.deliverAll()
    const stale = shape(createShapeId('stale'), 'text')
    reader.store.put([...boardRecords(), stale])
    const docBefore = Y.encodeStateVector(reader.doc)
    net.bind(reader)
    expect(reader.store.has(stale.id)).toBe(false)
    expect(documentRecords(reader.store)).toEqual(documentRecords(author.store))
    expect(Y.encodeStateVector(reader.doc)).toEqual(docBefore)
  })

  it('bound before the server answered (no seeding), writes nothing of its own defaults; the board\'s records arrive and win; an empty board is seeded on request', () => {
    // The server's board: its own page name, and a shape.
    const server = new Y.Doc()
    cleanups.push(() => server.destroy())
    const serverStore = createTLStore()
    cleanups.push(() => serverStore.dispose())
    const onBoard = shape(createShapeId('on-board'), 'geo')
    serverStore.put([DocumentRecordType.create({ id: TLDOCUMENT_ID }), PageRecordType.create({ id: PAGE_ID, name: 'Sivu 1', index: INDEX }), onBoard])
    bind(serverStore, server)

    // A client whose first sync is late: its store holds tldraw's defaults, its doc is empty.
    const doc = new Y.Doc()
    cleanups.push(() => doc.destroy())
    const store = createTLStore()
    cleanups.push(() => store.dispose())
    store.put(boardRecords())
    const written: Uint8Array[] = []
    doc.on('update', (update: Uint8Array, origin: unknown) => origin !== TRANSPORT && written.push(update))
    const binding = bindStoreToDoc(store, doc, { seedEmptyDoc: false })
    cleanups.push(() => binding.close())
    expect(written).toEqual([])
    expect(doc.getArray(RECORDS_KEY).length).toBe(0)
    // The editor makes its own page on mount, and the person draws before the board arrives: the drawing goes into the doc, the page waits.
    store.put([PageRecordType.create({ id: 'page:mounted' as TLPageId, name: 'Page 2', index: 'a2' as IndexKey })])
    const drawn = shape(createShapeId('drawn'), 'geo', 40, 40)
    store.put([drawn])
    expect(Object.keys(docRecords(doc))).toEqual([drawn.id])

    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), TRANSPORT)
    expect((store.get(PAGE_ID) as { name: string }).name).toBe('Sivu 1')
    expect(store.has(onBoard.id)).toBe(true)
    const before = written.length
    binding.seedIfUnseeded()
    expect(written.length).toBe(before)
    expect((docRecords(doc)[PAGE_ID] as { name: string }).name).toBe('Sivu 1')

    // A board that is empty on the server too: asked to, the binding gives it the store's document records.
    const emptyDoc = new Y.Doc()
    cleanups.push(() => emptyDoc.destroy())
    const emptyStore = createTLStore()
    cleanups.push(() => emptyStore.dispose())
    emptyStore.put(boardRecords())
    const late = bindStoreToDoc(emptyStore, emptyDoc, { seedEmptyDoc: false })
    cleanups.push(() => late.close())
    expect(emptyDoc.getArray(RECORDS_KEY).length).toBe(0)
    late.seedIfUnseeded()
    expect(docRecords(emptyDoc)).toEqual(documentRecords(emptyStore))
  })

  it('migrates records written with an older schema and writes them back with the new schema', () => {
    const store = createTLStore()
    const doc = new Y.Doc()
    const oldSchema = store.schema.serialize()
    oldSchema.sequences['com.tldraw.page'] = 0
    const { meta: _dropped, ...oldPage } = PageRecordType.create({ id: PAGE_ID, name: 'Old', index: INDEX })
    const seed = new YKeyValue<unknown>(doc.getArray(RECORDS_KEY))
    seed.set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID }))
    seed.set(PAGE_ID, oldPage)
    doc.getMap(META_KEY).set('schema', oldSchema)
    const onQuarantine = vi.fn()
    bind(store, doc, onQuarantine)
    expect(onQuarantine).not.toHaveBeenCalled()
    expect(store.get(PAGE_ID)).toMatchObject({ name: 'Old', meta: {} })
    expect(docRecords(doc)[PAGE_ID]).toEqual(store.get(PAGE_ID))
    expect(doc.getMap(META_KEY).get('schema')).toEqual(store.schema.serialize())
  })

  it('loads what validates from a doc of a newer schema and leaves that doc untouched', () => {
    const store = createTLStore()
    const doc = new Y.Doc()
    const newerSchema = store.schema.serialize()
    newerSchema.sequences['com.tldraw.page'] = 99
    const seed = new YKeyValue<unknown>(doc.getArray(RECORDS_KEY))
    for (const record of boardRecords()) seed.set(record.id, record)
    doc.getMap(META_KEY).set('schema', newerSchema)
    const stateBefore = Y.encodeStateVector(doc)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    bind(store, doc)
    expect(store.has(PAGE_ID)).toBe(true)
    expect(Y.encodeStateVector(doc)).toEqual(stateBefore)
  })

  it('stops both directions on close', () => {
    const net = startBoard(2)
    const [a, b] = net.peers
    b.binding!.close()
    const fromA = shape(createShapeId('from-a'), 'geo')
    const fromB = shape(createShapeId('from-b'), 'text')
    a.store.put([fromA])
    b.store.put([fromB])
    net.deliverAll()
    expect(docRecords(b.doc)[fromA.id]).toEqual(fromA)
    expect(b.store.has(fromA.id)).toBe(false)
    expect(docRecords(b.doc)[fromB.id]).toBeUndefined()
    expect(a.store.has(fromB.id)).toBe(false)
  })
})

const BAD_KINDS = BAD_ENTRIES.map((bad) => [bad.name, bad] as const)
const BAD_SIZE = BAD_ENTRIES.reduce((sum, bad) => sum + bad.size, 0)
const GOOD_BY_ID = Object.fromEntries(goodRecords().map((record) => [record.id, record]))

/** Peers whose stores know the journey cards; the first peer's doc holds a board written with these bad entries, delivered to all. */
function badBoard(count: number, bad: readonly BadEntry[]): MemoryNetwork {
  const net = new MemoryNetwork(count, () => createTLStore({ schema: boardSchema }))
  Y.applyUpdate(net.peers[0].doc, Y.encodeStateAsUpdate(boardWithBadEntries(bad)))
  net.deliverAll()
  return net
}

/** The doc's records as every reader takes them, the bad ones left out. */
function readableRecords(doc: Y.Doc): Record<string, unknown> {
  const entries = readRecordEntries(doc.getArray(RECORDS_KEY))
  for (const bad of BAD_ENTRIES) if (bad.key) entries.delete(bad.key)
  return Object.fromEntries([...entries].map(([key, entry]) => [key, entry.val]))
}

/** Deletes every bad entry, as a repair of the stored board would. */
function deleteBadEntries(doc: Y.Doc): void {
  const records = doc.getArray<unknown>(RECORDS_KEY)
  const badKeys = new Set(BAD_ENTRIES.map((bad) => bad.key))
  const values = records.toArray()
  doc.transact(() => {
    for (let index = values.length - 1; index >= 0; index--) {
      if (entryProblem(values[index]) !== undefined || badKeys.has((values[index] as { key: string }).key)) records.delete(index, 1)
    }
  })
}

/** The id the binding quarantines a bad entry under: its key, or the Yjs id of the entry when it names none. */
const quarantineIdOf = (bad: BadEntry): unknown => bad.key ?? expect.stringMatching(/^entry \d+:\d+$/)

describe('bindStoreToDoc on a board holding bad entries', () => {
  it.each(BAD_KINDS)('opens a board holding %s without writing, quarantines it, and edits still sync both ways', (_name, bad) => {
    const net = badBoard(2, [bad])
    const [writer, viewer] = net.peers
    const quarantined: string[] = []
    const stateBefore = Y.encodeStateVector(viewer.doc)
    expect(() => net.bind(viewer, (id) => quarantined.push(id))).not.toThrow()
    expect(Y.encodeStateVector(viewer.doc)).toEqual(stateBefore)
    expect(quarantined).toEqual([quarantineIdOf(bad)])
    expect(documentRecords(viewer.store)).toEqual(GOOD_BY_ID)

    const good = 'shape:good' as TLShapeId
    viewer.store.update(good, (record) => ({ ...record, x: 7 }))
    const added = shape(createShapeId('added'), 'geo', 9)
    const writerKv = new RecordsKeyValue(writer.doc.getArray(RECORDS_KEY))
    cleanups.push(() => writerKv.close())
    writerKv.write(new Map([[added.id, added]]))
    net.deliverAll()
    expect(readableRecords(writer.doc)[good]).toMatchObject({ x: 7 })
    expect(viewer.store.get(added.id)).toEqual(added)
    expect(writer.doc.getArray(RECORDS_KEY).length).toBe(goodRecords().length + 1 + bad.size)
  })

  it('opens a doc holding stale duplicates and every kind of bad entry without a write, reading the last entry of each key', () => {
    const net = badBoard(2, BAD_ENTRIES)
    const [writer, viewer] = net.peers
    writer.doc.getArray(RECORDS_KEY).push([{ key: 'shape:good', val: { ...GOOD_BY_ID['shape:good'], x: 5 } }])
    net.deliverAll()
    const stateBefore = Y.encodeStateVector(viewer.doc)
    const quarantined: string[] = []
    net.bind(viewer, (id) => quarantined.push(id))
    expect(Y.encodeStateVector(viewer.doc)).toEqual(stateBefore)
    expect(viewer.store.get('shape:good' as TLShapeId)?.x).toBe(5)
    // Adjacent entries one client wrote share a Yjs item, and an item gets one notice, so only keys are counted one by one.
    const [notices, keys] = [quarantined.filter((id) => id.startsWith('entry ')), quarantined.filter((id) => !id.startsWith('entry '))]
    expect(keys.sort()).toEqual(BAD_ENTRIES.flatMap((bad) => (bad.key ? [bad.key] : [])).sort())
    expect(notices.length).toBeGreaterThan(0)
    expect(new Set(notices).size).toBe(notices.length)
  })

  it.each(BAD_KINDS)('quarantines %s arriving after opening and releases it once it is deleted', (_name, bad) => {
    const net = badBoard(2, [])
    const [writer, viewer] = net.peers
    const quarantined: string[] = []
    const released: string[] = []
    net.bind(viewer, (id) => quarantined.push(id), (id) => released.push(id))
    bad.write(writer.doc.getArray(RECORDS_KEY))
    net.deliverAll()
    expect(quarantined).toEqual([quarantineIdOf(bad)])
    expect(documentRecords(viewer.store)).toEqual(GOOD_BY_ID)
    deleteBadEntries(writer.doc)
    net.deliverAll()
    expect(released).toEqual(quarantined)
  })

  it.each([1, 2, 3])('peers converge after random edits on a board holding every kind of bad entry, and leave those entries alone (seed %i)', (seed) => {
    const net = badBoard(3, BAD_ENTRIES)
    for (const peer of net.peers) net.bind(peer)
    playRandomly(net, seededRandom(seed), 300)
    const expected = documentRecords(net.peers[0].store)
    for (const peer of net.peers) {
      expect(documentRecords(peer.store)).toEqual(expected)
      expect(readableRecords(peer.doc)).toEqual(expected)
      expect(peer.doc.getArray(RECORDS_KEY).length).toBe(Object.keys(expected).length + BAD_SIZE)
    }
  })
})
