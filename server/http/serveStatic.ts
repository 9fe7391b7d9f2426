import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Sends a file of the built client, or returns false when there is none.
 * Hashed files under /assets/ are cached for a year; everything else is
 * revalidated, so a new build reaches browsers at once.
 */
export function serveStatic(distDir: string, urlPath: string, response: ServerResponse): boolean {
  const decoded = decodePath(urlPath)
  if (decoded === null) return false
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  const file = join(distDir, relative)
  if (!file.startsWith(distDir + sep) || !existsSync(file) || !statSync(file).isFile()) return false
  response.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  createReadStream(file).pipe(response)
  return true
}

/** A URL path decoded, or null when its escapes are malformed (that is a missing file, not a server error). */
function decodePath(urlPath: string): string | null {
  try {
    return decodeURIComponent(urlPath)
  } catch {
    return null
  }
}
