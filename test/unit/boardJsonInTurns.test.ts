import { describe, expect, it } from 'vitest'
import { parseBoardExport, parseBoardExportInTurns, RECORDS_PER_TURN } from '../../shared/export/boardJson.js'
import { largeBoardExport } from '../helpers/largeBoardExport.js'

describe('parseBoardExportInTurns', () => {
  it('reads what parseBoardExport reads, pausing after the parse and every RECORDS_PER_TURN records', async () => {
    const text = largeBoardExport(5 * RECORDS_PER_TURN + 10)
    let pauses = 0
    const inTurns = await parseBoardExportInTurns(text, async () => void pauses++)
    expect(inTurns).toEqual(parseBoardExport(text))
    expect(inTurns.ok).toBe(true)
    expect(pauses).toBeGreaterThanOrEqual(6)
  })

  it('refuses as parseBoardExport does, naming the record', async () => {
    const board = JSON.parse(largeBoardExport(2 * RECORDS_PER_TURN)) as { records: Record<string, unknown>[] }
    board.records.push({ id: 'shape:broken', typeName: 'shape', type: 'geo', props: {} })
    const text = JSON.stringify(board)
    const refused = await parseBoardExportInTurns(text, async () => {})
    expect(refused).toEqual(parseBoardExport(text))
    expect(refused).toMatchObject({ ok: false, reason: 'invalidRecord', recordId: 'shape:broken' })
  })
})
