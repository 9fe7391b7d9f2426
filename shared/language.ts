/**
 * The product's languages: Finnish and Swedish, Finland's two official
 * languages, and English. One list for the UI, the templates, the workshop's
 * language, the CSV and the PDF, so a language added here is a type error in
 * every table that lacks it. Finnish and Swedish come first: that is the order
 * a Finnish public body lists them in.
 */
export const LANGUAGES = ['fi', 'sv', 'en'] as const

/** One of the product's languages, as its ISO 639-1 code. */
export type Language = (typeof LANGUAGES)[number]

/**
 * The BCP 47 tag each language is written with in Finland, for `Intl`, the
 * PDF's /Lang and `<html lang>`-aware formatting: Swedish is Finland-Swedish
 * (sv-FI: dates 3.3.2025, times 14.05), English is British, as Finnish schools teach it.
 */
export const LOCALE_TAGS: Readonly<Record<Language, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

/** Whether a value is one of the product's language codes. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}
