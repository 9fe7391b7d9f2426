import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ServerHandle } from '../../server/createServer.js'
import { silentLogger } from '../../server/log.js'
import { createMemoryStorage } from '../../server/storage/createMemoryStorage.js'
import { isBoardId } from '../../shared/schema/boardId.js'

let server: ServerHandle
let distDir: string
const storage = createMemoryStorage()

beforeAll(async () => {
  distDir = mkdtempSync(join(tmpdir(), 'kuilu-dist-'))
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Kuilu</title>')
  mkdirSync(join(distDir, 'assets'))
  writeFileSync(join(distDir, 'assets', 'main-abc.js'), 'console.log(1)')
  server = await createServer({ storage, log: silentLogger, port: 0, host: '127.0.0.1', distDir })
})
afterAll(async () => {
  await server.close()
  rmSync(distDir, { recursive: true, force: true })
})

describe('HTTP', () => {
  it('answers /healthz with 200 JSON', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(await response.json()).toMatchObject({ ok: true, storage: 'memory' })
  })

  it('creates a board on /new and redirects to its unguessable id', async () => {
    const response = await fetch(`${server.url}/new`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    const location = response.headers.get('location')!
    const id = location.replace(/^\/b\//, '')
    expect(isBoardId(id)).toBe(true)
    expect(await storage.getBoard(id)).toMatchObject({ id })
  })

  it.each([
    ['fi', 'Sivu 1'],
    ['sv', 'Sida 1'],
  ])('a blank board asked for in %s (/new?lang=…, as the home page links it) names its page %s, so tldraw never makes a "Page 1"', async (lang, pageName) => {
    const location = (await fetch(`${server.url}/new?lang=${lang}`, { redirect: 'manual' })).headers.get('location')!
    const exported = (await (await fetch(`${server.url}/api/boards/${location.replace(/^\/b\//, '')}/export.json`)).json()) as { records: { typeName: string; name?: string }[] }
    expect(exported.records.filter((record) => record.typeName === 'page').map((page) => page.name)).toEqual([pageName])
    expect(exported.records.filter((record) => record.typeName === 'shape')).toEqual([])
  })

  it('serves the app shell for / and /b/<id>, hashed assets as immutable', async () => {
    for (const path of ['/', '/b/AAAAAAAAAAAAAAAAAAAAAA']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<title>Kuilu</title>')
    }
    const asset = await fetch(`${server.url}/assets/main-abc.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
  })

  it.each(['/nothing-here', '/api/nothing', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd'])('answers %s with 404', async (path) => {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status).toBe(404)
  })

  it('reports rooms and connections on /metrics', async () => {
    const response = await fetch(`${server.url}/metrics`)
    expect(await response.json()).toMatchObject({ rooms: 0, connections: 0 })
  })
})
