import { strings, type Language, type StringKey } from '../../i18n/strings.js'

/** Words only the PDF uses; everything else comes from the UI strings, so the two never disagree. */
const pdfOnly = {
  en: {
    board: 'Board',
    date: 'Date',
    participants: 'Participants',
    map: 'Map',
    page: 'Page',
    row: 'row',
    column: 'column',
    overlapHint: 'Dashed lines mark where the neighbouring page overlaps: trim along them and glue.',
    emptyMap: 'This board has nothing on it yet.',
    noElevators: 'No elevators for this gap yet.',
    votesLabel: 'Votes',
    touchpointMode: 'Type',
    results: 'Voting and scoring results',
    voteRound: 'Voting round',
    scoreRound: 'Impact & effort scoring',
    rank: 'Rank',
    card: 'Card',
    noVotes: 'No votes were cast in this round.',
    noScores: 'No scores were given in this round.',
    scoresCount: 'Scores',
    deletedCard: '(card no longer on the board)',
    exportedFrom: 'Exported from Kuilu',
    placeholderImage: 'Image',
    placeholderVideo: 'Video',
    placeholderEmbed: 'Embedded page',
  },
  fi: {
    board: 'Taulu',
    date: 'Päivämäärä',
    participants: 'Osallistujia',
    map: 'Kartta',
    page: 'Sivu',
    row: 'rivi',
    column: 'sarake',
    overlapHint: 'Katkoviivat näyttävät, missä viereinen sivu limittyy: leikkaa niitä pitkin ja liimaa.',
    emptyMap: 'Taululla ei ole vielä mitään.',
    noElevators: 'Tälle kuilulle ei ole vielä hissejä.',
    votesLabel: 'Äänet',
    touchpointMode: 'Tyyppi',
    results: 'Äänestys- ja arviointitulokset',
    voteRound: 'Äänestyskierros',
    scoreRound: 'Vaikutus- ja työmääräarvio',
    rank: 'Sija',
    card: 'Kortti',
    noVotes: 'Tällä kierroksella ei annettu ääniä.',
    noScores: 'Tällä kierroksella ei annettu arvioita.',
    scoresCount: 'Arvioita',
    deletedCard: '(korttia ei enää ole taululla)',
    exportedFrom: 'Viety Kuilusta',
    placeholderImage: 'Kuva',
    placeholderVideo: 'Video',
    placeholderEmbed: 'Upotettu sivu',
  },
} as const satisfies Record<Language, Record<string, string>>

/** A key of the UI strings or of the PDF's own strings. */
export type PdfStringKey = StringKey | keyof (typeof pdfOnly)['en']

/** Looks up a PDF label in one language. */
export type PdfText = (key: PdfStringKey) => string

/** The label lookup for a language. */
export function pdfText(language: Language): PdfText {
  const table: Record<string, string> = { ...strings[language], ...pdfOnly[language] }
  return (key) => table[key] ?? key
}

/** The label of a map page, e.g. "Map 2/4 — row 1, column 2", or just "Map" when the map fits one page. */
export function mapPageLabel(t: PdfText, tile: { index: number; row: number; column: number; rows: number; columns: number }): string {
  const count = tile.rows * tile.columns
  if (count === 1) return t('map')
  return `${t('map')} ${tile.index + 1}/${count} — ${t('row')} ${tile.row + 1}, ${t('column')} ${tile.column + 1}`
}

/** A date as people in that language write it, e.g. "3 March 2025" or "3.3.2025". */
export function formatDate(date: Date, language: Language): string {
  if (language === 'fi') return `${date.getDate()}.${date.getMonth() + 1}.${date.getFullYear()}`
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(date)
}
