import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isReason } from '../../shared/protocol/reasons.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createWorkshop, type TestWorkshop } from '../helpers/workshopFixture.js'

/** The headers every response must carry, whatever answered it. */
function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get('content-security-policy') ?? ''
  for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
    expect(csp, `${what}: CSP has ${directive}`).toContain(directive)
  }
  expect(csp, `${what}: the sync socket of this host`).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/)
  expect(csp, `${what}: no inline or eval script`).not.toMatch(/script-src[^;]*(unsafe|\*|data:)/)
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer')
  expect(response.headers.get('x-frame-options'), what).toBe('DENY')
  expect(response.headers.get('cross-origin-opener-policy'), what).toBe('same-origin')
  expect(response.headers.get('cross-origin-resource-policy'), what).toBe('same-origin')
  expect(response.headers.get('permissions-policy'), what).toMatch(/camera=\(\).*microphone=\(\)/)
}

/** A refusal's body: the English text, its reason code and, sometimes, params. */
async function expectRefusal(response: Response, status: number, reason: string): Promise<void> {
  expect(response.status, `${response.url} answered ${status}`).toBe(status)
  const body = (await response.json()) as { error: unknown; reason: unknown }
  expect(isReason(body.reason)).toBe(true)
  expect(body).toMatchObject({ reason, error: expect.any(String) })
}

let ctx: TestServer
let distDir: string
let workshop: TestWorkshop
let linkId: string
const url = (path: string) => `${ctx.server.url}${path}`
const facilitator = () => ({ authorization: `Bearer ${workshop.tokens.facilitator}` })

beforeAll(async () => {
  distDir = mkdtempSync(join(tmpdir(), 'kuilu-dist-'))
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Kuilu</title>')
  mkdirSync(join(distDir, 'assets'))
  writeFileSync(join(distDir, 'assets', 'main-abc.js'), 'console.log(1)')
  // This file creates more boards than the default burst allows; the limit has its own server below.
  ctx = await startTestServer({ distDir, limits: { boardBurst: 1_000 } })
  workshop = await createWorkshop(ctx)
  const described = (await (await fetch(url(`/api/workshops/${workshop.id}`), { headers: facilitator() })).json()) as { links: { id: string; role: string }[] }
  linkId = described.links.find((link) => link.role === 'viewer')!.id
})
afterAll(async () => {
  await ctx?.close({ removeData: true })
  rmSync(distDir, { recursive: true, force: true })
})

describe('security headers', () => {
  it.each([
    ['JSON', '/healthz', {}, 200],
    ['a static file', '/assets/main-abc.js', {}, 200],
    ['the app shell', '/', {}, 200],
    ['the SPA fallback', '/b/AAAAAAAAAAAAAAAAAAAAAA', {}, 200],
    ['a redirect', '/new', { redirect: 'manual' }, 302],
    ['a missing file', '/nothing-here', {}, 404],
    ['a missing API route', '/api/nothing', {}, 404],
    ['a wrong method', '/api/boards/import', {}, 405],
    ['malformed JSON', '/api/boards', { method: 'POST', body: '{"template":' }, 400],
    ['an oversized body', '/api/boards', { method: 'POST', body: 'x'.repeat(65 * 1024) }, 413],
    ['a refused token', '/api/workshops/00000000-0000-0000-0000-000000000000', {}, 401],
    ['a HEAD request', '/', { method: 'HEAD' }, 200],
  ] as const)('on %s', async (what, path, init, status) => {
    const response = await fetch(url(path), init as RequestInit)
    expect(response.status).toBe(status)
    expectSecurityHeaders(response, what)
  })
})

describe('request bodies', () => {
  const mebibyte = 'x'.repeat(1024 * 1024)
  const postRoutes = () => [
    ['/api/boards', {}],
    ['/api/workshops', {}],
    [`/api/workshops/${workshop.id}/boards`, facilitator()],
    [`/api/workshops/${workshop.id}/links/${linkId}/expiry`, facilitator()],
    [`/api/workshops/${workshop.id}/links/${linkId}/rotate`, facilitator()],
    [`/api/workshops/${workshop.id}/links/${linkId}/revoke`, facilitator()],
  ] as const

  it('answers a 1 MiB body with a clean 413 on every JSON route', async () => {
    for (const [path, headers] of postRoutes()) {
      const response = await fetch(url(path), { method: 'POST', headers, body: mebibyte })
      await expectRefusal(response, 413, 'bodyTooLarge')
    }
  })

  it('answers an 11 MiB import with a clean 413', async () => {
    const response = await fetch(url('/api/boards/import'), { method: 'POST', body: 'x'.repeat(11 * 1024 * 1024) })
    await expectRefusal(response, 413, 'bodyTooLarge')
  })

  it('answers malformed JSON, a non-object and unknown fields with 400 on every JSON route', async () => {
    for (const [path, headers] of postRoutes()) {
      for (const body of ['{"title": "Sprint",', '[]', '"text"', '{"surprise": 1}']) {
        await expectRefusal(await fetch(url(path), { method: 'POST', headers, body }), 400, 'badRequest')
      }
    }
    await expectRefusal(await fetch(url('/api/boards/import'), { method: 'POST', body: '{"format":' }), 400, 'badRequest')
  })

  it.each([
    ['an unknown template', '/api/boards', { template: 'kanban' }],
    ['an unknown language', '/api/boards', { template: 'customer-journey', language: 'de' }],
    ['a blank title', '/api/workshops', { title: '   ', language: 'en' }],
    ['a title too long', '/api/workshops', { title: 'x'.repeat(201), language: 'en' }],
    ['a missing language', '/api/workshops', { title: 'Sprint' }],
  ])('refuses %s with 400', async (_what, path, body) => {
    await expectRefusal(await fetch(url(path), { method: 'POST', body: JSON.stringify(body) }), 400, 'badRequest')
  })

  it('refuses an expiry that is not a number, and a template the workshop does not know, with 400', async () => {
    const expiry = url(`/api/workshops/${workshop.id}/links/${linkId}/expiry`)
    await expectRefusal(await fetch(expiry, { method: 'POST', headers: facilitator(), body: '{"expiresAt":"tomorrow"}' }), 400, 'badRequest')
    await expectRefusal(await fetch(url(`/api/workshops/${workshop.id}/boards`), { method: 'POST', headers: facilitator(), body: '{"template":"kanban"}' }), 400, 'badRequest')
  })

  it('still creates boards from an empty body and from a good one', async () => {
    expect((await fetch(url('/api/boards'), { method: 'POST' })).status).toBe(201)
    expect((await fetch(url('/api/boards'), { method: 'POST', body: '{"template":"gap-analysis","language":"fi"}' })).status).toBe(201)
  })
})

describe('refusals', () => {
  it('answer with the reason code and its status everywhere', async () => {
    await expectRefusal(await fetch(url(`/api/workshops/${workshop.id}`)), 401, 'inviteRequired')
    await expectRefusal(await fetch(url(`/api/workshops/${workshop.id}/boards`), { method: 'POST', headers: { authorization: `Bearer ${workshop.tokens.participant}` } }), 403, 'facilitatorOnly')
    await expectRefusal(await fetch(url(`/api/boards/${workshop.boardId}/export.json?token=forged.token.here`)), 401, 'inviteInvalid')
    await expectRefusal(await fetch(url('/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export.json')), 404, 'boardNotFound')
    await expectRefusal(await fetch(url('/api/boards/import?workshop=nope'), { method: 'POST', body: '{}' }), 404, 'workshopNotFound')
    await expectRefusal(await fetch(url(`/api/workshops/${workshop.id}/links/00000000-0000-0000-0000-000000000000/revoke`), { method: 'POST', headers: facilitator() }), 404, 'linkNotFound')
    await expectRefusal(await fetch(url('/new?template=kanban'), { redirect: 'manual' }), 400, 'badRequest')
  })
})

describe('board creation per address', () => {
  let limited: TestServer
  beforeAll(async () => {
    limited = await startTestServer({ limits: { boardBurst: 3, maxBoardsPerHour: 1 } })
  })
  afterAll(async () => {
    await limited?.close({ removeData: true })
  })

  it('answers 429 with Retry-After past the burst, on every route that creates a board', async () => {
    const at = (path: string) => `${limited.server.url}${path}`
    expect((await fetch(at('/new'), { redirect: 'manual' })).status).toBe(302)
    expect((await fetch(at('/api/boards'), { method: 'POST' })).status).toBe(201)
    expect((await fetch(at('/api/workshops'), { method: 'POST', body: '{"title":"Sprint","language":"en"}' })).status).toBe(201)
    const refused = [
      await fetch(at('/new'), { redirect: 'manual' }),
      await fetch(at('/api/boards'), { method: 'POST' }),
      await fetch(at('/api/workshops'), { method: 'POST', body: '{"title":"Sprint","language":"en"}' }),
      await fetch(at('/api/boards/import'), { method: 'POST', body: '{}' }),
    ]
    for (const response of refused) {
      expectSecurityHeaders(response, '429')
      // One board an hour: the next is free in at most an hour.
      const retryAfter = Number(response.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(3600)
      await expectRefusal(response, 429, 'rateLimited')
    }
    expect((await fetch(at('/healthz'))).status).toBe(200)
  })
})
