import { describe, expect, it } from 'vitest'
import { fillMessage, reasonMessage, REASON_MESSAGES } from '../../client/i18n/reasonMessages.js'
import { LANGUAGES } from '../../shared/language.js'
import { REASON_CODES, type Reason } from '../../shared/protocol/reasons.js'

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
const unfilled = /[{}[\]]/

describe('reason messages', () => {
  it.each(REASON_CODES.flatMap((reason) => LANGUAGES.map((language) => [reason, language] as const)))('%s has a %s message that reads whole without params', (reason, language) => {
    const message = reasonMessage(language, reason)
    expect(message.trim().length).toBeGreaterThan(0)
    expect(message).not.toMatch(unfilled)
    expect(message).not.toBe(reason)
  })

  it.each(REASON_CODES.flatMap((reason) => LANGUAGES.map((language) => [reason, language] as const)))('%s in %s fills every param it names', (reason, language) => {
    const names = placeholders(REASON_MESSAGES[reason][language])
    const params = Object.fromEntries(names.map((name, index) => [name, `value${index}`]))
    const message = reasonMessage(language, reason, params)
    expect(message).not.toMatch(unfilled)
    for (const value of Object.values(params)) expect(message).toContain(value)
  })

  it('names the same params in every language', () => {
    for (const reason of REASON_CODES) {
      for (const language of LANGUAGES) expect(placeholders(REASON_MESSAGES[reason][language]).sort(), `${reason} ${language}`).toEqual(placeholders(REASON_MESSAGES[reason].en).sort())
    }
  })

  it('keeps every param inside an optional segment, so a missing value never shows', () => {
    for (const reason of REASON_CODES) {
      for (const language of LANGUAGES) expect(REASON_MESSAGES[reason][language].replace(/\[[^\]]*\]/g, ''), `${reason} ${language}`).not.toMatch(/[{}]/)
    }
  })

  it.each([
    ['fi', 'voteBudgetUsed', { votes: 3 }, 'Olet käyttänyt kaikki äänesi (3). Peru jokin äänistäsi, jos haluat äänestää toista korttia.'],
    ['en', 'voteBudgetUsed', { votes: 3 }, 'You have used all your votes (3). Take one back to vote for another card.'],
    ['fi', 'roleCannotVote', { role: 'viewer' }, 'Roolisi (katsoja) ei voi äänestää.'],
    ['en', 'roleCannotVote', { role: 'viewer' }, 'Your role (viewer) cannot vote.'],
    ['fi', 'roundKindMismatch', { kind: 'score' }, 'Tämä kierros ei ota vastaan tällaista ääntä: siinä kerätään vaikutus- ja työmääräarvioita.'],
    ['fi', 'boardTooLarge', { mib: 1.5 }, expect.stringContaining('(1,5 MiB)')],
    ['en', 'boardTooLarge', { mib: 1.5 }, expect.stringContaining('of 1.5 MiB,')],
    ['sv', 'voteBudgetUsed', { votes: 3 }, 'Du har använt alla dina röster (3). Ta tillbaka en röst om du vill rösta på ett annat kort.'],
    ['sv', 'roleCannotVote', { role: 'viewer' }, 'Din roll (åskådare) kan inte rösta.'],
    ['sv', 'boardTooLarge', { mib: 1.5 }, expect.stringContaining('på 1,5 MiB,')],
    ['en', 'roleCannotVote', { role: 'guest' }, 'Your role (guest) cannot vote.'],
    ['en', 'voteBudgetUsed', undefined, 'You have used all your votes. Take one back to vote for another card.'],
  ] as const)('%s %s with %j', (language, reason, params, expected) => {
    expect(reasonMessage(language, reason, params)).toEqual(expected)
  })

  it('answers a code from a newer server with a sentence, not the code', () => {
    const message = reasonMessage('fi', 'somethingNew' as Reason)
    expect(message.length).toBeGreaterThan(0)
    expect(message).not.toContain('somethingNew')
  })

  it.each([
    ['Used[ ({votes})].', { votes: '3' }, 'Used (3).'],
    ['Used[ ({votes})].', {}, 'Used.'],
    ['A[ {a} and {b}] z', { a: '1' }, 'A z'],
    ['A[ {a}] z[ {b}]', { a: '1', b: '2' }, 'A 1 z 2'],
  ])('fills %j from %j', (template, values, expected) => {
    expect(fillMessage(template, values)).toBe(expected)
  })
})
