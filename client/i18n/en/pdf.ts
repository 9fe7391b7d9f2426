/**
 * English words only the PDF uses; everything else it prints comes from the
 * UI's words ("Board" from the workshop area), so the two never disagree.
 */
export const pdf = {
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
}

/** A key of this area. */
export type PdfKey = keyof typeof pdf
