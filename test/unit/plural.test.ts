import { describe, expect, it } from 'vitest'
import { countText, dateTimeText, oneDecimalText, type CountKey } from '../../client/i18n/plural.js'
import { votingText } from '../../client/i18n/votingStrings.js'
import { meanText } from '../../client/panels/matrixLayout.js'
import type { Language } from '../../client/i18n/strings.js'

describe('countText', () => {
  it.each<[Language, CountKey, number, number | undefined, string]>([
    ['en', 'votes', 0, undefined, '0 votes'],
    ['en', 'votes', 1, undefined, '1 vote'],
    ['en', 'votes', 2, undefined, '2 votes'],
    ['fi', 'votes', 0, undefined, '0 ääntä'],
    ['fi', 'votes', 1, undefined, '1 ääni'],
    ['fi', 'votes', 2, undefined, '2 ääntä'],
    ['fi', 'votes', 21, undefined, '21 ääntä'],
    ['en', 'votesLeft', 1, undefined, '1 vote left'],
    ['fi', 'votesLeft', 1, undefined, '1 ääni jäljellä'],
    ['fi', 'votesLeft', 3, undefined, '3 ääntä jäljellä'],
    ['en', 'votedOf', 1, 3, '1 of 3 has voted'],
    ['en', 'votedOf', 2, 3, '2 of 3 have voted'],
    ['fi', 'votedOf', 2, 3, '2/3 on äänestänyt'],
    ['en', 'scoredOf', 2, 3, '2 of 3 have scored'],
    ['fi', 'scoredOf', 1, 3, '1/3 on arvioinut'],
    ['en', 'peopleVoted', 1, undefined, '1 person voted'],
    ['en', 'peopleVoted', 4, undefined, '4 people voted'],
    ['fi', 'peopleVoted', 1, undefined, '1 henkilö äänesti'],
    ['fi', 'peopleVoted', 4, undefined, '4 henkilöä äänesti'],
    ['en', 'scores', 1, undefined, '1 score'],
    ['fi', 'scores', 2, undefined, '2 arviota'],
    ['sv', 'votes', 0, undefined, '0 röster'],
    ['sv', 'votes', 1, undefined, '1 röst'],
    ['sv', 'votesLeft', 2, undefined, '2 röster kvar'],
    ['sv', 'votedOf', 1, 3, '1 av 3 har röstat'],
    ['sv', 'peopleVoted', 4, undefined, '4 personer röstade'],
    ['sv', 'scores', 1, undefined, '1 bedömning'],
  ])('%s %s %d (of %s) → %s', (language, key, count, of, expected) => {
    expect(countText(language, key, count, of)).toBe(expected)
  })

  it('writes large counts as each language groups digits', () => {
    expect(countText('en', 'votes', 1200)).toBe('1,200 votes')
    // Finnish groups thousands with a no-break space.
    expect(countText('fi', 'votes', 1200)).toBe('1\u00a0200 ääntä')
    expect(countText('sv', 'votes', 1200)).toBe('1\u00a0200 röster')
  })

  it('writes means and spreads with one decimal: a point in English, a comma in Finnish and Swedish (the matrix, its list and the PDF)', () => {
    expect(['en', 'fi', 'sv'].map((language) => oneDecimalText(language as Language, 4.5))).toEqual(['4.5', '4,5', '4,5'])
    expect(oneDecimalText('sv', 2)).toBe('2,0')
    const card = { count: 2, impactMean: 4.5, impactSpread: 0.5, effortMean: 1, effortSpread: 0, impactRounded: 5 as const, effortRounded: 'S' as const }
    expect(meanText(votingText('sv'), card)).toContain('4,5')
    expect(meanText(votingText('sv'), card)).not.toContain('4.5')
  })

  it('writes a date and time as each language does, for the home page', () => {
    const time = Date.UTC(2026, 11, 7, 12, 5)
    expect(dateTimeText('en', time)).toBe(new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(time))
    expect(dateTimeText('fi', time)).toBe(new Intl.DateTimeFormat('fi-FI', { dateStyle: 'medium', timeStyle: 'short' }).format(time))
    expect(dateTimeText('sv', time)).toContain('2026')
    expect(new Set(['en', 'fi', 'sv'].map((language) => dateTimeText(language as Language, time))).size).toBe(3)
  })
})
