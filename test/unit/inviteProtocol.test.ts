import { describe, expect, it } from 'vitest'
import { inviteRoleOf } from '../../client/sync/inviteRole.js'
import { inviteTokenOfSubprotocols, offeredSubprotocols, SYNC_SUBPROTOCOL } from '../../shared/protocol/inviteProtocol.js'
import { signInvite } from '../../server/workshops/inviteTokens.js'

const token = (role: 'facilitator' | 'participant' | 'viewer') => signInvite('secret', { workshopId: 'w1', role, expiresAt: Date.UTC(2030, 0, 1), linkId: 'l1' })

describe('the invite token as an offered subprotocol', () => {
  it('offers ours and the token, and nothing without a token', () => {
    expect(offeredSubprotocols(token('viewer'))).toEqual([SYNC_SUBPROTOCOL, `kuilu-invite.${token('viewer')}`])
    expect(offeredSubprotocols(null)).toEqual([])
    expect(offeredSubprotocols('')).toEqual([])
  })

  it('offers only characters a subprotocol may hold (RFC 6455: an HTTP token)', () => {
    for (const offered of offeredSubprotocols(token('facilitator'))) expect(offered).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/)
  })

  it.each<[string | undefined, string | null]>([
    [`kuilu, kuilu-invite.${token('participant')}`, token('participant')],
    [`kuilu-invite.${token('participant')},kuilu`, token('participant')],
    ['kuilu', null],
    ['kuilu, kuilu-invite.', null],
    [undefined, null],
  ])('reads %j as %j', (header, expected) => {
    expect(inviteTokenOfSubprotocols(header)).toBe(expected)
  })
})

describe("the role an invite token names, read before the server's session message", () => {
  it.each(['facilitator', 'participant', 'viewer'] as const)('reads %s', (role) => {
    expect(inviteRoleOf(token(role))).toBe(role)
  })

  it.each([null, undefined, '', 'k1', 'k1.!!!.x', 'k1.e30.x', `k1.${Buffer.from('{"r":"owner"}').toString('base64url')}.x`])('reads no role from %j', (bad) => {
    expect(inviteRoleOf(bad)).toBeNull()
  })
})
