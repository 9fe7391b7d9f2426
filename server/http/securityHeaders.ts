import type { IncomingMessage, ServerResponse } from 'node:http'

/** A Host header we are willing to echo into the CSP: a name or IP address and an optional port, nothing that could end a directive. */
const SAFE_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/**
 * The Content-Security-Policy of every response: only our own origin, no
 * CDN (DESIGN.md invariant 5), no inline or eval'd script, no plugins, no
 * framing. Each source beyond 'self' is there because the app needs it
 * (found with the e2e tests, which fail on any console "Refused to …"):
 * - connect-src ws://host wss://host: the sync socket. CSP 3 lets 'self'
 *   cover it, but older Safari does not, so it is named.
 * - connect-src data: blob: — tldraw fetches its English translation, which
 *   Vite inlines as a data: URL, and the PDF export fetches pasted images
 *   (data: or blob: URLs) to embed them. Neither can reach another host.
 * - img-src data: blob: — pasted images are data: URLs, and tldraw shows
 *   previews and exports through blob: URLs.
 * - font-src data: — tldraw embeds fonts as data: URLs in its exports.
 * - style-src 'unsafe-inline' — tldraw renders its licence watermark's CSS in
 *   a <style> element, and printing inserts the board's SVG, whose shapes
 *   carry style attributes (76 on a template board). Script stays strict, and
 *   with every fetch, image and font limited to this host an injected style
 *   has nowhere to send what it reads.
 * - worker-src 'self' — our service worker (/sw.js); nothing runs blob: workers.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self'${sockets} data: blob:`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ')
}

/**
 * Browser features the app never uses, turned off for the page and anything
 * it could embed. Clipboard and fullscreen keep their default (our own
 * origin): tldraw copies and pastes shapes, and a facilitator may present.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ')

/** Every security header but the CSP, which depends on the Host. */
const FIXED_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // Invite tokens travel in URLs (/b/<id>?token=…); no page may pass one on in a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': PERMISSIONS_POLICY,
}

/**
 * Puts the security headers on a response before any route runs, so every
 * answer (JSON, files, the SPA shell, redirects, refusals, errors) carries
 * them and no route can forget; `writeHead` merges them with its own.
 */
export function setSecurityHeaders(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('content-security-policy', contentSecurityPolicy(request.headers.host))
  for (const [name, value] of Object.entries(FIXED_HEADERS)) response.setHeader(name, value)
}
