import type { BrowserContext } from 'playwright-core'

/** One place a token could show: a page's address, a console line, a request's or a socket's URL; `isFirstLoad` marks the invite link's own load, which carries it by design. */
export interface Sighting {
  who: string
  kind: 'address' | 'console' | 'request' | 'socket'
  text: string
  isFirstLoad: boolean
}

/**
 * Notes, for every page of a context, each address it shows (every
 * navigation, history.replaceState included), console line (with the script
 * that logged it), request URL and socket URL. Only each page's first
 * navigation, the invite link itself, may hold the token; `leaks` finds the rest.
 */
export function watchForTokens(context: BrowserContext, who: string, sightings: Sighting[]): void {
  context.on('page', (page) => {
    let navigations = 0
    let loads = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) sightings.push({ who, kind: 'address', text: frame.url(), isFirstLoad: navigations++ === 0 })
    })
    page.on('request', (request) => {
      const isLoad = request.isNavigationRequest() && request.frame() === page.mainFrame()
      sightings.push({ who, kind: 'request', text: request.url(), isFirstLoad: isLoad && loads++ === 0 })
    })
    page.on('console', (message) => sightings.push({ who, kind: 'console', text: `${message.type()}: ${message.text()} @ ${message.location().url}`, isFirstLoad: false }))
    page.on('websocket', (socket) => sightings.push({ who, kind: 'socket', text: socket.url(), isFirstLoad: false }))
  })
}

/** The sightings, past each page's first load, that hold any of the tokens: "who kind: text". */
export function leaks(sightings: readonly Sighting[], tokens: readonly string[]): string[] {
  return sightings.filter((seen) => !seen.isFirstLoad && tokens.some((token) => seen.text.includes(token))).map((seen) => `${seen.who} ${seen.kind}: ${seen.text}`)
}

/** The invite token of a link. */
export function tokenOfLink(link: string): string {
  const token = new URL(link).searchParams.get('token')
  if (!token) throw new Error(`no token in ${link}`)
  return token
}
