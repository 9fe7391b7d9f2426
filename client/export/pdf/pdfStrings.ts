import { LOCALE_TAGS, strings, type Language, type StringKey } from '../../i18n/strings.js'

/** A key of the PDF's words: the one dictionary holds the PDF's own words (i18n/en/pdf.ts and its fi and sv siblings) beside the UI's, so every language has each. */
export type PdfStringKey = StringKey

/** Looks up a PDF label in one language. */
export type PdfText = (key: PdfStringKey) => string

/** The label lookup for a language. */
export function pdfText(language: Language): PdfText {
  const table = strings[language]
  return (key) => table[key]
}

/** The label of a map page, e.g. "Map 2/4 — row 1, column 2", or just "Map" when the map fits one page. */
export function mapPageLabel(t: PdfText, tile: { index: number; row: number; column: number; rows: number; columns: number }): string {
  const count = tile.rows * tile.columns
  if (count === 1) return t('map')
  return `${t('map')} ${tile.index + 1}/${count} — ${t('row')} ${tile.row + 1}, ${t('column')} ${tile.column + 1}`
}

/** A date as people in that language write it: "3 March 2025" in English, "3.3.2025" in Finnish and in Finland-Swedish. */
export function formatDate(date: Date, language: Language): string {
  if (language !== 'en') return `${date.getDate()}.${date.getMonth() + 1}.${date.getFullYear()}`
  return new Intl.DateTimeFormat(LOCALE_TAGS.en, { day: 'numeric', month: 'long', year: 'numeric' }).format(date)
}
