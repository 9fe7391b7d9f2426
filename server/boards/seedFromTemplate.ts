import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'
import { buildTemplate, type TemplateLanguage, type TemplateName } from '../../shared/templates/templates.js'

/** The first update of a board made from a template: its records in the YKeyValue layout and the schema they follow. */
export function templateUpdate(name: TemplateName, language: TemplateLanguage): Uint8Array {
  const doc = new Y.Doc()
  const records = new YKeyValue<unknown>(doc.getArray(RECORDS_KEY))
  doc.transact(() => {
    for (const record of buildTemplate(name, language)) records.set(record.id, record)
    doc.getMap(META_KEY).set('schema', boardSchema.serialize())
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
