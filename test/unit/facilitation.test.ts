import { describe, expect, it } from 'vitest'
import { AGENDA, requestsForStep } from '../../client/panels/agendaSteps.js'
import { scopeFromSelection } from '../../client/panels/RoundForm.js'
import { formatDuration, timerRemaining } from '../../client/panels/TimerSection.js'
import { EMPTY_WORKSHOP, isReadOnly, reduceWorkshop } from '../../client/sync/workshopState.js'
import { cleanName, colorFor } from '../../server/workshops/authorize.js'
import { signInvite, verifyInvite } from '../../server/workshops/inviteTokens.js'
import { applyTimerAction, DEFAULT_TIMER_MS } from '../../server/workshops/timer.js'
import { checkRoundSettings } from '../../shared/rules/voting.js'

const claims = { workshopId: 'w1', role: 'participant' as const, expiresAt: 10_000, linkId: 'l1' }

describe('invite tokens', () => {
  const token = signInvite('secret', claims)
  it.each([
    ['a valid token', token, 5_000, { ok: true }],
    ['no token', null, 5_000, { ok: false, reason: 'inviteRequired' }],
    ['an empty token', '', 5_000, { ok: false, reason: 'inviteRequired' }],
    ['an expired token', token, 10_000, { ok: false, reason: 'inviteExpired' }],
    ['a token signed with another secret', signInvite('other', claims), 5_000, { ok: false, reason: 'inviteInvalid' }],
    ['a token whose claims were edited', token.replace(/^k1\.[^.]+/, `k1.${Buffer.from(JSON.stringify({ w: 'w1', r: 'facilitator', e: 10_000, l: 'l1' })).toString('base64url')}`), 5_000, { ok: false, reason: 'inviteInvalid' }],
    ['garbage', 'k1.x', 5_000, { ok: false, reason: 'inviteInvalid' }],
    ['another version', token.replace(/^k1/, 'k2'), 5_000, { ok: false, reason: 'inviteInvalid' }],
  ])('%s', (_name, given, now, expected) => {
    expect(verifyInvite('secret', given, now)).toMatchObject(expected)
  })
  it('carries its claims', () => {
    expect(verifyInvite('secret', token, 0)).toEqual({ ok: true, value: claims })
  })
})

describe('names and colours bound to a connection', () => {
  it.each([
    ['  Participant  ', 'Participant'],
    ['', 'Fallback'],
    [null, 'Fallback'],
    ['a\u0000b\u001fc', 'abc'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('cleanName(%j) is %j', (name, expected) => {
    expect(cleanName(name, 'Fallback')).toBe(expected)
  })
  it('gives the same person the same colour', () => {
    expect(colorFor('person-one-000001')).toBe(colorFor('person-one-000001'))
    expect(colorFor('person-one-000001')).toMatch(/^#[0-9A-F]{6}$/)
    expect(colorFor('person-one-000001', [{ id: 'person-one-000001', color: '#123456' }])).toBe('#123456')
  })

  it('gives eleven newcomers to a workshop eleven different colours', () => {
    const people: { id: string; color: string }[] = []
    for (let i = 0; i < 11; i++) {
      const id = `newcomer-${i}`
      people.push({ id, color: colorFor(id, people) })
    }
    expect(new Set(people.map((person) => person.color)).size).toBe(11)
  })
})

describe('timer', () => {
  const stopped = { boardId: 'b', isRunning: false, endsAt: null, remainingMs: DEFAULT_TIMER_MS, hasSound: false }
  it.each([
    ['start with a length', stopped, { action: 'start', durationMs: 60_000 }, 1_000, { isRunning: true, endsAt: 61_000, remainingMs: 60_000 }],
    ['start without one resumes what is left', { ...stopped, remainingMs: 30_000 }, { action: 'start' }, 1_000, { isRunning: true, endsAt: 31_000 }],
    ['pause keeps what is left', { ...stopped, isRunning: true, endsAt: 50_000 }, { action: 'pause' }, 20_000, { isRunning: false, endsAt: null, remainingMs: 30_000 }],
    ['a minute more while running', { ...stopped, isRunning: true, endsAt: 50_000 }, { action: 'add-minute' }, 20_000, { endsAt: 110_000 }],
    ['a minute more while paused', { ...stopped, remainingMs: 5_000 }, { action: 'add-minute' }, 0, { isRunning: false, remainingMs: 65_000 }],
    ['reset', { ...stopped, isRunning: true, endsAt: 9_000 }, { action: 'reset', durationMs: 120_000 }, 0, { isRunning: false, endsAt: null, remainingMs: 120_000 }],
    ['set-and-start over a paused remainder', { ...stopped, remainingMs: 170_000 }, { action: 'set-and-start', durationMs: 1_200_000 }, 5_000, { isRunning: true, endsAt: 1_205_000, remainingMs: 1_200_000 }],
    ['set-and-start over a running timer', { ...stopped, isRunning: true, endsAt: 9_000 }, { action: 'set-and-start', durationMs: 600_000 }, 5_000, { isRunning: true, endsAt: 605_000, remainingMs: 600_000 }],
    ['sound is kept unless said', { ...stopped, hasSound: true }, { action: 'pause' }, 0, { hasSound: true }],
  ] as const)('%s', (_name, timer, request, now, expected) => {
    expect(applyTimerAction(timer, { type: 'timer', ...request }, now)).toMatchObject(expected)
  })
  it('counts down with the server clock and never below zero', () => {
    const timer = { isRunning: true, endsAt: 10_000, remainingMs: 0, clockOffsetMs: 1_000 }
    expect(timerRemaining(timer, 4_000)).toBe(5_000)
    expect(timerRemaining(timer, 20_000)).toBe(0)
    expect(formatDuration(65_000)).toBe('1:05')
    expect(formatDuration(0)).toBe('0:00')
  })
})

describe('agenda', () => {
  it('walks the method in order', () => {
    expect(AGENDA.map((step) => step.id)).toEqual(['target', 'current', 'gaps', 'elevators', 'vote', 'prioritise', 'owners'])
  })
  const chosen = { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 4, maxVotesPerCard: 2, isAnonymous: false, isHiddenUntilReveal: true, durationSeconds: 15 } as const
  it.each(AGENDA.map((step) => [step.id, step] as const))('step %s sets the lock and the timer to exactly its length in one request, and starts its round with the chosen settings', (_id, step) => {
    const requests = requestsForStep(step, chosen)
    expect(requests[0]).toEqual({ type: 'set-lock', isLocked: step.isLocked })
    expect(requests.filter((request) => request.type === 'timer')).toEqual([{ type: 'timer', action: 'set-and-start', durationMs: step.minutes * 60_000 }])
    const round = requests.find((request) => request.type === 'start-round')
    expect(Boolean(round)).toBe(step.round !== null)
    if (round && round.type === 'start-round') expect(checkRoundSettings(round.settings)).toMatchObject({ ok: true, value: { ...chosen, kind: step.round } })
  })
  it('starts no round before its settings are chosen', () => {
    for (const step of AGENDA) expect(requestsForStep(step).map((request) => request.type)).toEqual(['set-lock', 'timer'])
  })
})

describe('workshop state in the client', () => {
  const session = { type: 'session' as const, role: 'participant' as const, personId: 'p', name: 'P', color: '#000', workshopId: 'w', workshopTitle: 'Työpaja', workshopLanguage: 'fi' as const, isLocked: false }
  it.each([
    ['no session (open board)', EMPTY_WORKSHOP, false],
    ['participant', reduceWorkshop(EMPTY_WORKSHOP, session, 0), false],
    ['participant on a locked board', reduceWorkshop(reduceWorkshop(EMPTY_WORKSHOP, session, 0), { type: 'lock', isLocked: true }, 0), true],
    ['viewer', reduceWorkshop(EMPTY_WORKSHOP, { ...session, role: 'viewer' }, 0), true],
    ['facilitator on a locked board', reduceWorkshop(EMPTY_WORKSHOP, { ...session, role: 'facilitator', isLocked: true }, 0), false],
  ])('%s: read-only is %s', (_name, state, expected) => {
    expect(isReadOnly(state)).toBe(expected)
  })
  it('keeps the offset to the server clock for the timer', () => {
    const state = reduceWorkshop(EMPTY_WORKSHOP, { type: 'timer', isRunning: true, endsAt: 9_000, remainingMs: 5_000, hasSound: false, serverNow: 4_000 }, 3_000)
    expect(state.timer).toEqual({ isRunning: true, endsAt: 9_000, remainingMs: 5_000, hasSound: false, clockOffsetMs: 1_000 })
  })
})

describe('round scope from the selection', () => {
  const gap = { id: 'shape:g', type: 'gap', props: { stageId: 's1', journeyId: 'j1' } }
  const elevator = { id: 'shape:e', type: 'elevator', props: { stageId: '', journeyId: '' } }
  it.each([
    ['all-elevators', [], { kind: 'all-elevators' }],
    ['gap', [elevator, gap], { kind: 'gap', gapId: 'shape:g' }],
    ['gap', [elevator], null],
    ['stage', [gap], { kind: 'stage', journeyId: 'j1', stageId: 's1' }],
    ['stage', [elevator], null],
    ['selection', [gap, elevator], { kind: 'selection', cardIds: ['shape:g', 'shape:e'] }],
    ['selection', [], null],
  ] as const)('%s from %j', (kind, selected, expected) => {
    expect(scopeFromSelection(kind, selected)).toEqual(expected)
  })
})
