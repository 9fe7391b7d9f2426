import type { Language } from './strings.js'

/**
 * Counted phrases in every UI language, by the CLDR plural category that
 * `Intl.PluralRules` picks for the count: English and Finnish both have
 * "one" and "other", and Finnish "other" takes the partitive ("2 ääntä",
 * "0 ääntä"). `{n}` is the count, `{m}` a second number (the "of M").
 * Every count the UI or the PDF shows goes through `countText`.
 */
type Forms = { one: string; other: string }

const COUNTS = {
  votes: { en: { one: '{n} vote', other: '{n} votes' }, fi: { one: '{n} ääni', other: '{n} ääntä' } },
  votesLeft: { en: { one: '{n} vote left', other: '{n} votes left' }, fi: { one: '{n} ääni jäljellä', other: '{n} ääntä jäljellä' } },
  // The verb agrees with the count in English ("1 of 3 has voted"); in Finnish "1/3 on äänestänyt" reads for every count.
  votedOf: { en: { one: '{n} of {m} has voted', other: '{n} of {m} have voted' }, fi: { one: '{n}/{m} on äänestänyt', other: '{n}/{m} on äänestänyt' } },
  scoredOf: { en: { one: '{n} of {m} has scored', other: '{n} of {m} have scored' }, fi: { one: '{n}/{m} on arvioinut', other: '{n}/{m} on arvioinut' } },
  peopleVoted: { en: { one: '{n} person voted', other: '{n} people voted' }, fi: { one: '{n} henkilö äänesti', other: '{n} henkilöä äänesti' } },
  peopleScored: { en: { one: '{n} person scored', other: '{n} people scored' }, fi: { one: '{n} henkilö arvioi', other: '{n} henkilöä arvioi' } },
  scores: { en: { one: '{n} score', other: '{n} scores' }, fi: { one: '{n} arvio', other: '{n} arviota' } },
} as const satisfies Record<string, Record<Language, Forms>>

/** A phrase with a count in it ("2 votes", "1 ääni jäljellä"). */
export type CountKey = keyof typeof COUNTS

const LOCALES: Record<Language, string> = { en: 'en-GB', fi: 'fi-FI' }

/** The phrase for a count in a language, its numbers written as that language writes them; `of` fills `{m}`. */
export function countText(language: Language, key: CountKey, count: number, of?: number): string {
  const forms: Forms = COUNTS[key][language]
  const form = new Intl.PluralRules(LOCALES[language]).select(count) === 'one' ? forms.one : forms.other
  const number = new Intl.NumberFormat(LOCALES[language])
  return form.replace('{n}', number.format(count)).replace('{m}', of === undefined ? '' : number.format(of))
}
