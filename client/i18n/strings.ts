import type { Language } from '../../shared/language.js'
import { en } from './en/index.js'
import { fi } from './fi/index.js'
import { sv } from './sv/index.js'

export { isLanguage, LANGUAGES, LOCALE_TAGS, type Language } from '../../shared/language.js'

/** A key of the words of our UI and our PDF. */
export type StringKey = keyof typeof en

/** One language's words: every key, so a key missing in any language (the PDF's included) is a type error. */
export type Dictionary = Readonly<Record<StringKey, string>>

/** Every word of our UI and our PDF, in every language; the dictionaries live in en/, fi/ and sv/, area by area. */
export const strings: Readonly<Record<Language, Dictionary>> = { en, fi, sv }

/** Each language's name in that language, as a language switcher lists it (marked with `lang`, so a screen reader says it right). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { fi: 'Suomi', sv: 'Svenska', en: 'English' }

/**
 * The language to start with: the first Finnish or Swedish tag among the
 * browser's languages ('sv-FI' gives Swedish, 'en-GB, fi' Finnish: in Finland
 * a national language listed at all beats English), else English.
 */
export function detectLanguage(languages: readonly string[]): Language {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0]
    if (primary === 'fi' || primary === 'sv') return primary
  }
  return 'en'
}
