import { PageRecordType, type TLPageId } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readShapes } from '../../server/rooms/readShapes.js'
import { warnSkippedRecords } from '../../server/rooms/warnSkippedRecords.js'
import { cardsInScope } from '../../shared/rules/voting.js'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { readBoardRecords } from '../../shared/schema/readBoardRecords.js'
import { describeSkipped, entryProblem, readRecordEntries, type SkippedEntry } from '../../shared/schema/readRecordEntries.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'
import { BAD_ENTRIES, boardWithBadEntries, goodRecords, pushContent } from '../helpers/badEntries.js'
import { geoShape } from '../helpers/geoShape.js'

const GOOD_IDS = goodRecords().map((record) => record.id as string)
const BAD_KINDS = BAD_ENTRIES.map((bad) => [bad.name, bad] as const)

/** The same doc as a server reads it back from storage: decoded from its update, so ContentJSON and strings come back parsed. */
function asStored(doc: Y.Doc): Y.Doc {
  const stored = new Y.Doc()
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(doc))
  return stored
}

function read(doc: Y.Doc): { keys: string[]; skipped: SkippedEntry[] } {
  const skipped: SkippedEntry[] = []
  const entries = readRecordEntries(doc.getArray(RECORDS_KEY), (entry) => skipped.push(entry))
  return { keys: [...entries.keys()], skipped }
}

function readValid(doc: Y.Doc): { ids: string[]; skipped: SkippedEntry[] } {
  const skipped: SkippedEntry[] = []
  const { records } = readBoardRecords(doc, (entry) => skipped.push(entry))
  return { ids: records.map((record) => record.id), skipped }
}

describe('readRecordEntries', () => {
  it.each(BAD_KINDS)('passes over %s and reports it where it stands, in the doc and as stored', (_name, bad) => {
    const doc = boardWithBadEntries([bad])
    for (const view of [doc, asStored(doc)]) {
      const { keys, skipped } = read(view)
      if (bad.level === 'schema') {
        expect(keys).toEqual([...GOOD_IDS, bad.key])
        expect(skipped).toEqual([])
        continue
      }
      expect(keys).toEqual(GOOD_IDS)
      const at = Array.from({ length: bad.size }, (_, i) => GOOD_IDS.length + i)
      expect(skipped.map(({ index, key }) => ({ index, key }))).toEqual(at.map((index) => ({ index, key: bad.key })))
    }
  })

  it('reports each skipped entry at its toArray position with the reason that entry has', () => {
    const records = asStored(boardWithBadEntries()).getArray<unknown>(RECORDS_KEY)
    const { skipped } = read(records.doc!)
    const values = records.toArray()
    expect(skipped.map((entry) => entry.index)).toEqual([...skipped.map((entry) => entry.index)].sort((a, b) => a - b))
    expect(skipped).toHaveLength(BAD_ENTRIES.filter((bad) => bad.level === 'entry').reduce((sum, bad) => sum + bad.size, 0))
    for (const { index, key, reason } of skipped) {
      if (key === undefined) expect(entryProblem(values[index])).toBe(reason)
      else expect(values[index]).toMatchObject({ key, val: null })
    }
  })

  it('lets the last entry of a key win and neither reads nor reports the ones it replaced', () => {
    const doc = new Y.Doc()
    const records = doc.getArray<unknown>(RECORDS_KEY)
    records.push([{ key: 'shape:a', val: geoShape('shape:a', 1) }, { key: 'shape:b', val: geoShape('shape:b') }, null, { key: 'shape:a', val: geoShape('shape:a', 3) }])
    const skipped: SkippedEntry[] = []
    const entries = readRecordEntries(records, (entry) => skipped.push(entry))
    expect([...entries.keys()]).toEqual(['shape:b', 'shape:a'])
    expect(entries.get('shape:a')).toMatchObject({ index: 3, val: { x: 3 } })
    expect(skipped).toEqual([{ index: 2, reason: 'entry is null' }])
  })

  it('drops a key whose last entry has a bad val rather than bring back the value it replaced', () => {
    const doc = new Y.Doc()
    const records = doc.getArray<unknown>(RECORDS_KEY)
    records.push([{ key: 'shape:a', val: geoShape('shape:a') }, { key: 'shape:a', val: [1, 2] }])
    const skipped: SkippedEntry[] = []
    expect(readRecordEntries(records, (entry) => skipped.push(entry)).size).toBe(0)
    expect(skipped).toEqual([{ index: 1, key: 'shape:a', reason: 'record is not an object' }])
  })

  it('reads a well-formed entry whatever its content kind', () => {
    const doc = boardWithBadEntries([])
    pushContent(doc.getArray(RECORDS_KEY), new Y.ContentJSON([{ key: 'shape:json-ok', val: geoShape('shape:json-ok') }]))
    expect(readValid(asStored(doc))).toEqual({ ids: [...GOOD_IDS, 'shape:json-ok'], skipped: [] })
  })
})

describe('readBoardRecords', () => {
  it('returns the valid records of a board holding every kind of bad entry and reports every bad one', () => {
    const doc = boardWithBadEntries()
    for (const view of [doc, asStored(doc)]) {
      const { ids, skipped } = readValid(view)
      expect(ids).toEqual(GOOD_IDS)
      expect(skipped).toHaveLength(BAD_ENTRIES.reduce((sum, bad) => sum + bad.size, 0))
      const keyed = BAD_ENTRIES.filter((bad) => bad.key !== undefined).map((bad) => bad.key)
      expect(skipped.flatMap(({ key }) => (key === undefined ? [] : [key])).sort()).toEqual(keyed.sort())
    }
  })

  it('migrates records written with an older schema instead of skipping them, and names our schema', () => {
    const doc = new Y.Doc()
    const oldSchema = boardSchema.serialize()
    oldSchema.sequences['com.tldraw.page'] = 0
    const { meta: _dropped, ...oldPage } = PageRecordType.create({ id: 'page:old' as TLPageId, name: 'Old', index: 'a1' as never })
    doc.getArray(RECORDS_KEY).push([{ key: oldPage.id, val: oldPage }, { key: 'shape:a', val: geoShape('shape:a') }])
    doc.getMap(META_KEY).set('schema', oldSchema)
    const skipped: SkippedEntry[] = []
    const { records, schema } = readBoardRecords(doc, (entry) => skipped.push(entry))
    expect(skipped).toEqual([])
    expect(records.find((record) => record.id === oldPage.id)).toMatchObject({ name: 'Old', meta: {} })
    expect(schema).toEqual(boardSchema.serialize())
    expect(doc.getArray(RECORDS_KEY).get(0)).toEqual({ key: oldPage.id, val: oldPage })
  })

  it.each([
    ['a newer schema, which it keeps', { ...boardSchema.serialize(), sequences: { ...boardSchema.serialize().sequences, 'com.tldraw.page': 99 } }, 'stored'],
    ['a malformed schema, which it replaces with ours', 'not a schema', 'ours'],
  ] as const)('reads records as they are under %s', (_name, stored, named) => {
    const doc = boardWithBadEntries([])
    doc.getMap(META_KEY).set('schema', stored)
    const { records, schema } = readBoardRecords(doc)
    expect(records.map((record) => record.id)).toEqual(GOOD_IDS)
    expect(schema).toEqual(named === 'stored' ? stored : boardSchema.serialize())
  })
})

describe('reading a board with bad entries on the server', () => {
  it('leaves bad shapes out of a vote scope instead of failing the vote', () => {
    const skipped: SkippedEntry[] = []
    const shapes = readShapes(asStored(boardWithBadEntries()), (entry) => skipped.push(entry))
    expect(shapes.map((shape) => shape.id)).toEqual(['shape:good', 'shape:gap', 'shape:lift'])
    expect(cardsInScope({ kind: 'all-elevators' }, shapes)).toEqual(new Set(['shape:lift']))
    expect(skipped.length).toBeGreaterThan(0)
  })

  it('logs one warning per read however many entries were skipped', () => {
    const doc = boardWithBadEntries([])
    pushContent(doc.getArray(RECORDS_KEY), new Y.ContentString('x'.repeat(10_000)))
    const skipped: SkippedEntry[] = []
    readBoardRecords(doc, (entry) => skipped.push(entry))
    const lines: [string, Record<string, unknown>][] = []
    warnSkippedRecords({ warn: (message, fields) => lines.push([message, fields ?? {}]) }, skipped, { room: 'b1' })
    expect(lines).toHaveLength(1)
    expect(lines[0][1]).toMatchObject({ room: 'b1', skipped: 10_000 })
    expect(describeSkipped(skipped)).toBe(`#5: entry is a string; #6: entry is a string; #7: entry is a string; and 9997 more`)
  })
})
