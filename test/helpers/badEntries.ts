import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLPageId } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'
import { geoShape } from './geoShape.js'

/** Where a reader notices a bad entry: reading `{ key, val }` entries, or checking a well-formed entry's record against the schema. */
export type BadLevel = 'entry' | 'schema'

/** A bad entry a stored board may hold from before every content kind was refused. */
export interface BadEntry {
  name: string
  write(records: Y.Array<unknown>): void
  level: BadLevel
  /** The record id a reader reports it under; entries that name no key have none. */
  key?: string
  /** How many positions it takes in the array (a string takes one per character). */
  size: number
}

/**
 * Appends one item with any content kind to the end of an array, as a client
 * that writes its own structs could: `Y.Array#push` only ever writes
 * ContentAny and Yjs types, yet ContentJSON and ContentString decode fine.
 */
export function pushContent(array: Y.Array<unknown>, content: Y.ContentJSON | Y.ContentString): void {
  const doc = array.doc!
  doc.transact((transaction) => {
    let last = array._start
    while (last?.right) last = last.right
    const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID))
    new Y.Item(id, last, last?.lastId ?? null, null, null, array, null, content).integrate(transaction, 0)
  })
}

const brokenShape = (id: string) => ({ ...geoShape(id), props: { ...(geoShape(id).props as object), geo: 'blob' } })

/** Every kind of bad entry named in issue 10, item 7. */
export const BAD_ENTRIES: readonly BadEntry[] = [
  { name: 'ContentAny null', level: 'entry', size: 1, write: (records) => records.push([null]) },
  { name: 'ContentAny number', level: 'entry', size: 1, write: (records) => records.push([42]) },
  { name: 'ContentAny string', level: 'entry', size: 1, write: (records) => records.push(['shape:loose']) },
  { name: 'a key that is not a string', level: 'entry', size: 1, write: (records) => records.push([{ key: 1, val: geoShape('shape:one') }]) },
  { name: 'a null val', level: 'entry', key: 'shape:null-val', size: 1, write: (records) => records.push([{ key: 'shape:null-val', val: null }]) },
  { name: 'an invalid shape record', level: 'schema', key: 'shape:blob', size: 1, write: (records) => records.push([{ key: 'shape:blob', val: brokenShape('shape:blob') }]) },
  { name: 'a session record', level: 'schema', key: 'instance:instance', size: 1, write: (records) => records.push([{ key: 'instance:instance', val: { id: 'instance:instance', typeName: 'instance' } }]) },
  { name: 'ContentJSON with an invalid record', level: 'schema', key: 'shape:json', size: 1, write: (records) => pushContent(records, new Y.ContentJSON([{ key: 'shape:json', val: brokenShape('shape:json') }])) },
  { name: 'ContentJSON null', level: 'entry', size: 1, write: (records) => pushContent(records, new Y.ContentJSON([null])) },
  { name: 'ContentString', level: 'entry', size: 4, write: (records) => pushContent(records, new Y.ContentString('oops')) },
  { name: 'a nested Y.Map', level: 'entry', size: 1, write: (records) => records.push([nestedEntry('shape:in-map')]) },
  { name: 'a nested Y.Array', level: 'entry', size: 1, write: (records) => records.push([Y.Array.from(['shape:in-array'])]) },
]

/** A Y.Map that holds what an entry would: a reader must still not take it for one. */
function nestedEntry(key: string): Y.Map<unknown> {
  return new Y.Map<unknown>([['key', key], ['val', geoShape(key)]])
}

const PAGE_ID = 'page:page' as TLPageId

/** The records of a small valid board: document, page, a geo shape, a gap and an elevator crossing it. */
export function goodRecords(): Record<string, unknown>[] {
  const base = { typeName: 'shape', x: 0, y: 0, rotation: 0, parentId: PAGE_ID, isLocked: false, opacity: 1, meta: {} }
  const cell = { journeyId: '', stageId: '', laneId: '' }
  return [
    DocumentRecordType.create({ id: TLDOCUMENT_ID }) as unknown as Record<string, unknown>,
    PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as never }) as unknown as Record<string, unknown>,
    geoShape('shape:good'),
    { ...base, id: 'shape:gap', type: 'gap', index: 'a2', props: { w: 240, h: 220, today: 'Hard to buy', target: 'Easy to buy', theme: '', severity: 3, ...cell } },
    {
      ...base, id: 'shape:lift', type: 'elevator', index: 'a3',
      props: { w: 220, h: 200, action: 'Simpler checkout', gapId: 'shape:gap', owner: '', effort: 'S', impact: 4, status: 'idea', due: '', ...cell },
    },
  ]
}

/** A doc holding a valid board with the given bad entries after its records, written by one client. */
export function boardWithBadEntries(bad: readonly BadEntry[] = BAD_ENTRIES): Y.Doc {
  const doc = new Y.Doc()
  const records = doc.getArray<unknown>(RECORDS_KEY)
  doc.transact(() => {
    records.push(goodRecords().map((val) => ({ key: val.id, val })))
    doc.getMap(META_KEY).set('schema', boardSchema.serialize())
  })
  for (const entry of bad) entry.write(records)
  return doc
}
