import { LOCALE_TAGS, type Language } from '../../shared/language.js'

/**
 * Counted phrases in every UI language, by the CLDR plural category that
 * `Intl.PluralRules` picks for the count: English, Finnish and Swedish all
 * have "one" and "other"; Finnish "other" takes the partitive ("2 ääntä",
 * "0 ääntä"), Swedish the plural ("0 röster"). `{n}` is the count, `{m}` a second number (the "of M").
 * Every count the UI or the PDF shows goes through `countText`.
 */
type Forms = { one: string; other: string }

const COUNTS = {
  votes: {
    en: { one: '{n} vote', other: '{n} votes' },
    fi: { one: '{n} ääni', other: '{n} ääntä' },
    sv: { one: '{n} röst', other: '{n} röster' },
  },
  votesLeft: {
    en: { one: '{n} vote left', other: '{n} votes left' },
    fi: { one: '{n} ääni jäljellä', other: '{n} ääntä jäljellä' },
    sv: { one: '{n} röst kvar', other: '{n} röster kvar' },
  },
  // The verb agrees with the count in English ("1 of 3 has voted"); "1/3 on äänestänyt" and "1 av 3 har röstat" read for every count.
  votedOf: {
    en: { one: '{n} of {m} has voted', other: '{n} of {m} have voted' },
    fi: { one: '{n}/{m} on äänestänyt', other: '{n}/{m} on äänestänyt' },
    sv: { one: '{n} av {m} har röstat', other: '{n} av {m} har röstat' },
  },
  scoredOf: {
    en: { one: '{n} of {m} has scored', other: '{n} of {m} have scored' },
    fi: { one: '{n}/{m} on arvioinut', other: '{n}/{m} on arvioinut' },
    sv: { one: '{n} av {m} har bedömt', other: '{n} av {m} har bedömt' },
  },
  peopleVoted: {
    en: { one: '{n} person voted', other: '{n} people voted' },
    fi: { one: '{n} henkilö äänesti', other: '{n} henkilöä äänesti' },
    sv: { one: '{n} person röstade', other: '{n} personer röstade' },
  },
  peopleScored: {
    en: { one: '{n} person scored', other: '{n} people scored' },
    fi: { one: '{n} henkilö arvioi', other: '{n} henkilöä arvioi' },
    sv: { one: '{n} person bedömde', other: '{n} personer bedömde' },
  },
  scores: {
    en: { one: '{n} score', other: '{n} scores' },
    fi: { one: '{n} arvio', other: '{n} arviota' },
    sv: { one: '{n} bedömning', other: '{n} bedömningar' },
  },
} as const satisfies Record<string, Record<Language, Forms>>

/** A phrase with a count in it ("2 votes", "1 ääni jäljellä"). */
export type CountKey = keyof typeof COUNTS

/** Every counted phrase, for the completeness test. */
export const COUNT_KEYS = Object.keys(COUNTS) as CountKey[]

/** Each language's plural rules and number formats, made once: every card and panel that shows a count calls countText on render. */
const FORMATS = Object.fromEntries(
  Object.entries(LOCALE_TAGS).map(([language, tag]) => [
    language,
    {
      plural: new Intl.PluralRules(tag),
      number: new Intl.NumberFormat(tag),
      oneDecimal: new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      dateTime: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }),
    },
  ]),
) as Record<Language, { plural: Intl.PluralRules; number: Intl.NumberFormat; oneDecimal: Intl.NumberFormat; dateTime: Intl.DateTimeFormat }>

/** When something happened, as the language writes a date and time ("7 Dec 2026, 14:05"; the home page's lists). */
export function dateTimeText(language: Language, time: number): string {
  return FORMATS[language].dateTime.format(time)
}

/** A mean or a spread with one decimal, as the language writes it ("4.5" in English, "4,5" in Finnish and Swedish). */
export function oneDecimalText(language: Language, value: number): string {
  return FORMATS[language].oneDecimal.format(value)
}

/** The phrase for a count in a language, its numbers written as that language writes them; `of` fills `{m}`. */
export function countText(language: Language, key: CountKey, count: number, of?: number): string {
  const forms: Forms = COUNTS[key][language]
  const { plural, number } = FORMATS[language]
  const form = plural.select(count) === 'one' ? forms.one : forms.other
  return form.replace('{n}', number.format(count)).replace('{m}', of === undefined ? '' : number.format(of))
}
