import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_IMPORT_RECORDS, type BoardExport } from '../../shared/export/boardJson.js'
import { largeBoardExport } from '../helpers/largeBoardExport.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

let ctx: TestServer
beforeAll(async () => {
  ctx = await startTestServer()
})
afterAll(async () => {
  await ctx?.close({ removeData: true })
})

/** Posts an import with node:http, so the test knows when the whole body has left: `sent` settles then, `answer` with the reply. */
function postImport(body: string): { sent: Promise<void>; answer: Promise<{ status: number; text: string }> } {
  let markSent!: () => void
  const sent = new Promise<void>((resolve) => (markSent = resolve))
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const call = request(`${ctx.server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
    })
    call.on('error', reject)
    call.end(body, markSent)
  })
  return { sent, answer }
}

describe('a large import', () => {
  it(`takes ${MAX_IMPORT_RECORDS} records while /healthz keeps answering, and exports them back unchanged`, async () => {
    const payload = largeBoardExport()
    const { sent, answer } = postImport(payload)
    let isAnswered = false
    void answer.finally(() => (isAnswered = true))
    await sent
    // Health checks sent after the body has left and answered before the import is: the server still turns while it imports.
    let answeredDuringImport = 0
    while (!isAnswered) {
      const health = await fetch(`${ctx.server.url}/healthz`)
      expect(health.status).toBe(200)
      if (!isAnswered) answeredDuringImport++
    }
    const { status, text } = await answer
    expect(status, text).toBe(201)
    expect(answeredDuringImport).toBeGreaterThan(0)

    const { id } = JSON.parse(text) as { id: string }
    const again = (await (await fetch(`${ctx.server.url}/api/boards/${id}/export.json`)).json()) as BoardExport
    const original = JSON.parse(payload) as BoardExport
    expect(again.records.length).toBe(MAX_IMPORT_RECORDS)
    expect(again.records).toEqual(original.records)
  })
})
