import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardExport } from '../../shared/export/boardJson.js'
import type { ActionPlan } from '../../shared/rules/actionPlan.js'
import { BAD_ENTRIES, boardWithBadEntries, goodRecords, type BadEntry } from '../helpers/badEntries.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

let ctx: TestServer
beforeEach(async () => {
  ctx = await startTestServer()
})
afterEach(async () => {
  await ctx.close({ removeData: true })
})

const GOOD_IDS = goodRecords().map((record) => record.id as string)
const BAD_KEYS = BAD_ENTRIES.flatMap((bad) => (bad.key ? [bad.key] : []))

/**
 * An open board whose stored log holds a valid board plus these bad entries,
 * appended straight to storage as a server that did not check every content
 * kind could have stored them.
 */
async function storedBoardWith(bad: readonly BadEntry[]): Promise<string> {
  const boardId = await ctx.createBoard()
  await ctx.storage.appendUpdates(boardId, [Y.encodeStateAsUpdate(boardWithBadEntries(bad))])
  return boardId
}

const get = (boardId: string, file: string) => fetch(`${ctx.server.url}/api/boards/${boardId}/${file}`)

async function exportedIds(boardId: string): Promise<string[]> {
  const response = await get(boardId, 'export.json')
  expect(response.status).toBe(200)
  return ((await response.json()) as BoardExport).records.map((record) => record.id)
}

async function planOf(boardId: string): Promise<ActionPlan> {
  const response = await get(boardId, 'action-plan.json')
  expect(response.status).toBe(200)
  return ((await response.json()) as { plan: ActionPlan }).plan
}

describe('exports of a stored board holding bad entries', () => {
  it.each(BAD_ENTRIES.map((bad) => [bad.name, bad] as const))('export.json and action-plan.json answer 200 with the good records when the board holds %s', async (_name, bad) => {
    const boardId = await storedBoardWith([bad])
    const ids = await exportedIds(boardId)
    expect(ids).toEqual(expect.arrayContaining(GOOD_IDS))
    if (bad.key) expect(ids).not.toContain(bad.key)
    const plan = await planOf(boardId)
    expect(plan.unplaced.map((entry) => [entry.gap.id, entry.elevators.map((elevator) => elevator.id)])).toEqual([['shape:gap', ['shape:lift']]])
  })

  it('serves the export, the action plan and its CSV of a board holding every kind at once', async () => {
    const boardId = await storedBoardWith(BAD_ENTRIES)
    const ids = await exportedIds(boardId)
    expect(ids).toEqual(expect.arrayContaining(GOOD_IDS))
    for (const key of BAD_KEYS) expect(ids).not.toContain(key)
    expect((await planOf(boardId)).counts).toEqual({ gaps: 1, elevators: 1, unlinked: 0 })
    const csv = await get(boardId, 'action-plan.csv')
    expect(csv.status).toBe(200)
    expect(await csv.text()).toContain('Simpler checkout')
  })

  it('exports a file that imports back as a board of the good records alone', async () => {
    const boardId = await storedBoardWith(BAD_ENTRIES)
    const exported = await (await get(boardId, 'export.json')).text()
    const imported = await fetch(`${ctx.server.url}/api/boards/import`, { method: 'POST', body: exported })
    expect(imported.status).toBe(201)
    const { id } = (await imported.json()) as { id: string }
    expect((await exportedIds(id)).sort()).toEqual(JSON.parse(exported).records.map((record: { id: string }) => record.id).sort())
  })
})
