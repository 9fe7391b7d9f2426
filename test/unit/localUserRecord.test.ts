import { createTLStore, type IndexKey } from '@tldraw/editor'
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, UserRecordType, createUserId, type TLPageId } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { bindStoreToDoc } from '../../client/sync/bindStoreToDoc.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'

const page = PageRecordType.create({ id: 'page:page' as TLPageId, name: 'Page 1', index: 'a1' as IndexKey })
const user = (id: string, name: string) => UserRecordType.create({ id: createUserId(id), name, color: '#02B1CC' })
const docKeys = (doc: Y.Doc) => doc.getArray<{ key: string }>(RECORDS_KEY).map((entry) => entry.key).sort()

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** A store bound to a doc, as a browser tab opens a board. */
function open(doc: Y.Doc, quarantined: string[] = []) {
  const store = createTLStore({})
  store.put([DocumentRecordType.create({ id: TLDOCUMENT_ID }), page])
  const binding = bindStoreToDoc(store, doc, { onQuarantine: (id) => quarantined.push(id) })
  cleanups.push(() => binding.close())
  return store
}

describe("the browser's own tldraw user record", () => {
  it('stays out of the board: neither tldraw writing it on mount nor a rename reaches the doc', () => {
    const doc = new Y.Doc()
    const store = open(doc)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    store.put([user('this-device', 'Olli')])
    store.put([user('this-device', 'Olli Osallistuja')])
    store.remove([createUserId('this-device')])
    expect(updates).toEqual([])
    expect(docKeys(doc)).toEqual([TLDOCUMENT_ID, page.id].sort())
  })

  it("passes over another client's user record already in a doc, without quarantine, and never removes this tab's own", () => {
    const doc = new Y.Doc()
    const old = new Y.Doc()
    const oldStore = open(old)
    // An older client shared its user record: it is in the doc this tab opens, and arrives again later.
    old.getArray<{ key: string; val: unknown }>(RECORDS_KEY).push([{ key: createUserId('old-client'), val: user('old-client', 'Named by itself') }])
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(old))
    const quarantined: string[] = []
    const store = open(doc, quarantined)
    store.put([user('this-device', 'Outi')])
    old.getArray<{ key: string; val: unknown }>(RECORDS_KEY).push([{ key: createUserId('later'), val: user('later', 'Later') }])
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(old))
    expect(quarantined).toEqual([])
    expect(store.has(createUserId('old-client'))).toBe(false)
    expect(store.has(createUserId('later'))).toBe(false)
    expect(store.get(createUserId('this-device'))?.name).toBe('Outi')
    expect(oldStore.has(page.id)).toBe(true)
  })
})
