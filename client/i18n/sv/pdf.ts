import type { PdfKey } from '../en/pdf.js'

/** Swedish words only the PDF uses. */
export const pdf: Record<PdfKey, string> = {
  date: 'Datum',
  participants: 'Deltagare',
  map: 'Karta',
  page: 'Sida',
  row: 'rad',
  column: 'kolumn',
  overlapHint: 'De streckade linjerna visar var grannsidan överlappar: skär längs dem och limma.',
  emptyMap: 'Tavlan är ännu tom.',
  noElevators: 'Inga hissar för den här klyftan ännu.',
  votesLabel: 'Röster',
  touchpointMode: 'Typ',
  results: 'Resultat av röstning och bedömning',
  voteRound: 'Röstningsomgång',
  scoreRound: 'Bedömning av effekt och insats',
  rank: 'Plats',
  card: 'Kort',
  noVotes: 'Inga röster gavs i den här omgången.',
  noScores: 'Inga bedömningar gavs i den här omgången.',
  scoresCount: 'Bedömningar',
  deletedCard: '(kortet finns inte längre på tavlan)',
  exportedFrom: 'Exporterad från Kuilu',
  placeholderImage: 'Bild',
  placeholderVideo: 'Video',
  placeholderEmbed: 'Inbäddad sida',
}
