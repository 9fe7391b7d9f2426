import { describe, expect, it } from 'vitest'
import { AGENDA, requestsForStep } from '../../client/panels/agendaSteps.js'
import { timerMinutes } from '../../client/panels/TimerSection.js'
import { closeRefusal, isFinalClose } from '../../client/sync/closeRefusal.js'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { parseClientControl } from '../../shared/protocol/messages.js'

/** What the server makes of a request the client would send: JSON.stringify drops undefined fields, as the socket does. */
const serverReads = (request: object) => parseClientControl(JSON.stringify(request))

describe('requests the client builds pass the server\'s strict validator', () => {
  it.each(AGENDA.map((step) => [step.id, step] as const))('agenda step %s', (_id, step) => {
    const settings = { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 2, isAnonymous: true, isHiddenUntilReveal: true, durationSeconds: null } as const
    for (const request of requestsForStep(step, settings)) expect(serverReads(request), JSON.stringify(request)).toMatchObject({ ok: true })
  })

  it.each([
    ['set-and-start with its length', { type: 'timer', action: 'set-and-start', durationMs: 600_000 }, true],
    ['set-and-start without a length', { type: 'timer', action: 'set-and-start' }, false],
    ['show a round', { type: 'show-round', roundId: 'r1' }, true],
    ['back to the default round', { type: 'show-round', roundId: null }, true],
    ['rename a board', { type: 'rename-board', boardId: 'b1', name: 'Nykytila' }, true],
    ['a blank board name', { type: 'rename-board', boardId: 'b1', name: '  ' }, false],
    ['a board name of control characters', { type: 'rename-board', boardId: 'b1', name: '\u0001\u0002' }, false],
    ['a board name over 80 characters', { type: 'rename-board', boardId: 'b1', name: 'x'.repeat(81) }, false],
  ])('%s', (_name, request, isAccepted) => {
    expect(serverReads(request)).toMatchObject({ ok: isAccepted })
  })

  it.each([
    ['a number', '5', 5],
    ['more than four hours', '300', 240],
    ['zero', '0', 1],
    ['nothing', '', 1],
    ['not a number', 'x', 1],
  ])('timer minutes from %s', (_name, input, minutes) => {
    expect(timerMinutes(input)).toBe(minutes)
    expect(serverReads({ type: 'timer', action: 'reset', durationMs: timerMinutes(input) * 60_000, hasSound: false })).toMatchObject({ ok: true })
  })

  it('would close the connection for a field the server does not know, so the client sends no person', () => {
    expect(serverReads({ type: 'vote', roundId: 'r', cardId: 'shape:a', person: 'p' })).toMatchObject({ ok: false, reason: 'badMessage' })
  })
})

describe('why the server closed the connection', () => {
  it.each([
    ['a revoked link', CloseCode.inviteRevoked, null, { reason: 'inviteRevoked' }],
    ['an invalid link', CloseCode.inviteInvalid, null, { reason: 'inviteInvalid' }],
    ['a link of another workshop, as the rejection said', CloseCode.inviteInvalid, { reason: 'inviteOtherWorkshop' }, { reason: 'inviteOtherWorkshop' }],
    ['a full board, with its limit', CloseCode.boardTooLarge, { reason: 'boardTooLarge', params: { mib: 2 } }, { reason: 'boardTooLarge', params: { mib: 2 } }],
    ['a full board after an unrelated rejection', CloseCode.boardTooLarge, { reason: 'viewerReadOnly' }, { reason: 'boardTooLarge' }],
    ['a flood', CloseCode.rateLimited, null, { reason: 'rateLimited' }],
    ['too many pending updates', CloseCode.pendingTooLarge, null, { reason: 'pendingTooLarge' }],
    ['a slow reader', CloseCode.slowReader, null, null],
    ['a restart', CloseCode.goingAway, null, null],
  ] as const)('%s', (_name, code, rejected, expected) => {
    expect(closeRefusal(code, rejected)).toEqual(expected)
  })

  it.each([
    [CloseCode.inviteRevoked, true],
    [CloseCode.badMessage, true],
    [CloseCode.boardTooLarge, true],
    [CloseCode.invalidRecord, false],
    [CloseCode.rateLimited, false],
    [CloseCode.pendingTooLarge, false],
    [CloseCode.slowReader, false],
    [CloseCode.storageFailure, false],
  ])('close %i is final: %s', (code, isFinal) => {
    expect(isFinalClose(code)).toBe(isFinal)
  })
})
