const KEY = 'kuilu-invite-tokens'
/** Boards whose token a store keeps; a workshop's token is kept once per board, so this holds a few dozen workshops. */
const MAX = 200

type Kept = [boardId: string, token: string][]
type TokenStore = Pick<Storage, 'getItem' | 'setItem'>

/**
 * Where invite tokens are kept, by board: `tab` (sessionStorage) survives a
 * reload of this tab only, so a facilitator who also opens the participant
 * link on the same laptop stays the facilitator in this tab; `device`
 * (localStorage) opens the board again in a new tab.
 */
export interface TokenStores {
  tab: TokenStore
  device: TokenStore
}

const browserStores = (): TokenStores => ({ tab: sessionStorage, device: localStorage })

/** The board a page address shows (/b/<id>), or null. */
export function boardIdOfPath(pathname: string): string | null {
  return /^\/b\/([A-Za-z0-9_-]+)\/?$/.exec(pathname)?.[1] ?? null
}

function readKept(store: Pick<Storage, 'getItem'>): Kept {
  try {
    const value = JSON.parse(store.getItem(KEY) ?? '[]') as unknown
    return Array.isArray(value) ? value.filter((entry): entry is Kept[number] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') : []
  } catch {
    return []
  }
}

function keep(store: TokenStore, boardIds: readonly string[], token: string): void {
  const rest = readKept(store).filter(([id]) => !boardIds.includes(id))
  store.setItem(KEY, JSON.stringify([...boardIds.map((id): Kept[number] => [id, token]), ...rest].slice(0, MAX)))
}

/** The invite token kept for a board, this tab's before this device's, or null (an open board, or one never opened with a link here). */
export function keptInviteToken(boardId: string, stores: TokenStores = browserStores()): string | null {
  const find = (store: Pick<Storage, 'getItem'>) => readKept(store).find(([id]) => id === boardId)?.[1] ?? null
  return find(stores.tab) ?? find(stores.device)
}

/**
 * Keeps the token of the workshop this tab is in for its boards, so the board
 * list's plain links open them in the same role. This tab's entries follow the
 * token; the device's only gain boards it kept no token for, so another tab's
 * role (opened from another link) is not overwritten.
 */
export function keepWorkshopToken(boardIds: readonly string[], token: string, stores: TokenStores = browserStores()): void {
  keep(stores.tab, boardIds, token)
  const known = new Set(readKept(stores.device).map(([id]) => id))
  const unknown = boardIds.filter((id) => !known.has(id))
  if (unknown.length > 0) keep(stores.device, unknown, token)
}

/** What `takeInviteToken` reads and rewrites: the page's address and history, and where tokens are kept. */
export interface PageAddress {
  location: Pick<Location, 'pathname' | 'search' | 'hash'>
  history: Pick<History, 'replaceState' | 'state'>
  stores: TokenStores
}

/**
 * Takes the invite token out of a board page's address, once, before anything
 * reads the address: keeps it for the board (this tab and this device: the
 * link just opened wins) and rewrites the address bar without it, so neither a
 * projected screen, nor a console line, nor tldraw's licence check (which
 * reports the page's address) shows it. A reload finds the kept token; the
 * link itself still works on any device. When storage refuses, the token
 * stays in the address, as the page needs it.
 */
export function takeInviteToken(page: PageAddress = { location, history, stores: browserStores() }): void {
  const boardId = boardIdOfPath(page.location.pathname)
  const params = new URLSearchParams(page.location.search)
  const token = params.get('token')
  if (!boardId || token === null) return
  try {
    if (token) for (const store of [page.stores.tab, page.stores.device]) keep(store, [boardId], token)
  } catch {
    return
  }
  params.delete('token')
  const rest = params.toString()
  page.history.replaceState(page.history.state, '', `${page.location.pathname}${rest ? `?${rest}` : ''}${page.location.hash}`)
}

/** The invite token of the board this page shows: the one kept for it, or one still in the address when storage refused it; null for none. */
export function pageInviteToken(): string | null {
  if (typeof location === 'undefined') return null
  const boardId = boardIdOfPath(location.pathname)
  const inAddress = new URLSearchParams(location.search).get('token')
  if (inAddress || !boardId) return inAddress
  try {
    return keptInviteToken(boardId)
  } catch {
    return null
  }
}
