import type { IncomingMessage, ServerResponse } from 'node:http'

/** The invite token of an API call: `Authorization: Bearer …` or `?token=`. */
export function tokenOf(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim()
  return url.searchParams.get('token')
}

/**
 * The status of a refused workshop call: 403 when the token is good but does
 * not allow this (another workshop's, or the wrong role), 401 when it is
 * missing, forged, revoked or expired.
 */
export function refusalStatus(reason: string): 401 | 403 {
  return reason.startsWith('only the ') || reason === 'invite link is for another workshop' ? 403 : 401
}

/** Answers with JSON and no caching. */
export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(JSON.stringify(body))
}

/** Reads a small JSON body (at most 64 KiB); an empty or malformed body reads as null. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > 64 * 1024) throw new Error('request body too large')
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
