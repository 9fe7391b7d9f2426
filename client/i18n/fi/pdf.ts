import type { PdfKey } from '../en/pdf.js'

/** Finnish words only the PDF uses. */
export const pdf: Record<PdfKey, string> = {
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
}
