import { describe, expect, it } from 'vitest'
import { boardIdOfPath, keepWorkshopToken, keptInviteToken, takeInviteToken, type PageAddress, type TokenStores } from '../../client/ui/inviteTokens.js'

const memoryStorage = () => {
  const map = new Map<string, string>()
  return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value) }
}
const stores = (): TokenStores => ({ tab: memoryStorage(), device: memoryStorage() })

/** A page address whose replaceState is recorded, as a browser tab's would be. */
function page(url: string, kept: TokenStores = stores()): PageAddress & { replaced: string[] } {
  const { pathname, search, hash } = new URL(url, 'http://kuilu.test')
  const replaced: string[] = []
  return { location: { pathname, search, hash }, history: { state: { tldraw: 1 }, replaceState: (_state, _unused, to) => void replaced.push(String(to)) }, stores: kept, replaced }
}

describe('the invite token leaves the address bar and stays on the device', () => {
  it('keeps the token for the board in this tab and on this device, and rewrites the address without it', () => {
    const opened = page('/b/board1?token=k1.abc.def&lang=fi#here')
    takeInviteToken(opened)
    expect(opened.replaced).toEqual(['/b/board1?lang=fi#here'])
    expect(keptInviteToken('board1', opened.stores)).toBe('k1.abc.def')
    expect(keptInviteToken('board1', { tab: memoryStorage(), device: opened.stores.device })).toBe('k1.abc.def')
  })

  it.each([
    ['a board without a token', '/b/board1'],
    ['the home page', '/?token=k1.abc.def'],
    ['a path that is not a board', '/b/board1/extra?token=k1.abc.def'],
  ])('leaves %s alone', (_what, url) => {
    const opened = page(url)
    takeInviteToken(opened)
    expect(opened.replaced).toEqual([])
  })

  it('leaves the token in the address when storage refuses it, as the page still needs it', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError') } }
    const opened = page('/b/board1?token=k1.abc.def', { tab: refusing, device: refusing })
    takeInviteToken(opened)
    expect(opened.replaced).toEqual([])
  })

  it("reads this tab's token before the device's, so a second link opened elsewhere does not change this tab's role", () => {
    const device = memoryStorage()
    const facilitatorTab = page('/b/board1?token=k1.facilitator.x', { tab: memoryStorage(), device })
    takeInviteToken(facilitatorTab)
    const participantTab = page('/b/board1?token=k1.participant.y', { tab: memoryStorage(), device })
    takeInviteToken(participantTab)
    expect(keptInviteToken('board1', facilitatorTab.stores)).toBe('k1.facilitator.x')
    expect(keptInviteToken('board1', participantTab.stores)).toBe('k1.participant.y')
    // A new tab on this device opens with the link opened last.
    expect(keptInviteToken('board1', { tab: memoryStorage(), device })).toBe('k1.participant.y')
  })

  it("keeps a workshop's token for its boards: in this tab for all, on the device only for boards it kept none for", () => {
    const kept = stores()
    takeInviteToken(page('/b/board2?token=k1.other.role', { tab: memoryStorage(), device: kept.device }))
    keepWorkshopToken(['board1', 'board2', 'board3'], 'k1.this.tab', kept)
    expect(['board1', 'board2', 'board3'].map((id) => keptInviteToken(id, kept))).toEqual(['k1.this.tab', 'k1.this.tab', 'k1.this.tab'])
    const newTab = { tab: memoryStorage(), device: kept.device }
    expect(['board1', 'board2', 'board3'].map((id) => keptInviteToken(id, newTab))).toEqual(['k1.this.tab', 'k1.other.role', 'k1.this.tab'])
    expect(keptInviteToken('unknown', kept)).toBeNull()
  })

  it('reads a board id only from a board address', () => {
    expect([boardIdOfPath('/b/abc_D-1'), boardIdOfPath('/b/abc/'), boardIdOfPath('/'), boardIdOfPath('/b/')]).toEqual(['abc_D-1', 'abc', null, null])
  })
})
