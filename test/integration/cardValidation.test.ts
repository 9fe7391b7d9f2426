import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectRawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

let ctx: TestServer
const clients: StockClient[] = []
beforeEach(async () => {
  ctx = await startTestServer()
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await ctx.close({ removeData: true })
})

async function createBoard(template: string): Promise<string> {
  const response = await fetch(`${ctx.server.url}/api/boards`, { method: 'POST', body: JSON.stringify({ template, language: 'fi' }) })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('cards on the server', () => {
  it('seeds a board from a template, and refuses a handcrafted update that makes a gap invalid', async () => {
    const boardId = await createBoard('gap-analysis')
    const watcher = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(watcher)
    const gapKey = [...watcher.records.map.keys()].find((key) => (watcher.records.get(key) as { type?: string }).type === 'gap')!
    const gap = watcher.records.get(gapKey) as { props: Record<string, unknown> }
    expect(gap.props.severity).toBe(3)
    const before = await ctx.storage.loadDoc(boardId)

    const attacker = await connectRawClient(ctx.syncUrl, boardId)
    attacker.hello()
    const kv = new YKeyValue<unknown>(attacker.doc.getArray(RECORDS_KEY))
    const updates: Uint8Array[] = []
    attacker.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update))
    kv.set(gapKey, { ...gap, props: { ...gap.props, severity: 7 } })
    attacker.sendUpdate(Y.mergeUpdates(updates))
    expect((await attacker.closed).code).toBe(CloseCode.invalidRecord)
    expect(attacker.control).toContainEqual(expect.objectContaining({ type: 'rejected', recordId: gapKey }))

    expect(await ctx.storage.loadDoc(boardId)).toEqual(before)
    expect((watcher.records.get(gapKey) as { props: { severity: number } }).props.severity).toBe(3)
  })

  it.each([
    [{ template: 'nope' }, /template/],
    [{ template: 'customer-journey', language: 'de' }, /language/],
  ])('refuses a new board with %j', async (body, message) => {
    const response = await fetch(`${ctx.server.url}/api/boards`, { method: 'POST', body: JSON.stringify(body) })
    expect(response.status).toBe(400)
    const answer = (await response.json()) as { error: string; reason: string }
    expect(answer.reason).toBe('badRequest')
    expect(answer.error).toMatch(message)
  })

  it('redirects /new?template=…&lang=… to a board holding the template', async () => {
    const response = await fetch(`${ctx.server.url}/new?template=customer-employee&lang=en`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    const boardId = response.headers.get('location')!.replace('/b/', '')
    const client = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(client)
    await waitFor(() => client.records.map.size > 0, { what: 'template records' })
    const journeys = [...client.records.map.values()].filter((entry) => (entry.val as { type?: string }).type === 'journey')
    expect(journeys).toHaveLength(2)
  })
})
