// A table of its own beside strings.ts, as workshopStrings.ts is: the words of voting on the board
// (the round notice, the vote control on cards, the impact/effort matrix, the round the board shows).
import { countText, type CountKey } from './plural.js'
import type { Language } from './strings.js'

const en = {
  roundStarted: '{name} has started',
  roundOpen: '{name} is open',
  roundRulesVote: 'Each person has {votes}, at most {cap} on one card.',
  roundRulesScore: 'Give each card its impact (1–5) and effort (S, M, L).',
  roundRevealed: '{name}: results revealed',
  roundClosed: '{name} has closed',
  resultsHidden: 'Results stay hidden until the facilitator reveals them.',
  voteNow: 'Vote now',
  scoreNow: 'Score now',
  hideNotice: 'Hide this notice',
  voteOnCard: 'Vote for this card',
  unvoteOnCard: 'Take back a vote from this card',
  ownVotesOnCard: 'Your votes on this card: {n}',
  cardAtCap: 'At most {votes} per card',
  budgetSpent: 'No votes left',
  cardVotesInRound: '{votes} in round {round}',
  roundLabel: 'Round {round}',
  voteRoundLabel: 'Voting round {round}',
  scoreRoundLabel: 'Scoring round {round}',
  shownOnCards: 'Cards and the action plan show round {round}.',
  votesFromRound: 'Votes from round {round}',
  noRoundShown: 'No round with results yet: cards show no votes.',
  shownOnBoard: 'shown on the board',
  scoresHidden: 'Scores stay hidden until the facilitator reveals them.',
  noScoresYet: 'No scores yet.',
  quickWins: 'Quick wins',
  bigBets: 'Big bets',
  fillIns: 'Fill-ins',
  moneyPits: 'Money pits',
  impactAxis: 'Impact (1–5)',
  effortAxis: 'Effort (S · M · L)',
  matrixSummary: '{n} cards by mean impact and effort; the shaded area around a dot spans one standard deviation each way, so a wide area means people disagree.',
  matrixMean: 'impact {impact} ± {impactSpread}, effort {effort} ± {effortSpread}',
}

/** A key of the voting words. */
export type VotingStringKey = keyof typeof en

const fi: Record<VotingStringKey, string> = {
  roundStarted: '{name} on alkanut',
  roundOpen: '{name} on käynnissä',
  roundRulesVote: 'Jokaisella on {votes}, enintään {cap} samalle kortille.',
  roundRulesScore: 'Anna jokaiselle kortille vaikutus (1–5) ja työmäärä (S, M, L).',
  roundRevealed: '{name}: tulokset paljastettu',
  roundClosed: '{name} on päättynyt',
  resultsHidden: 'Tulokset pysyvät piilossa, kunnes fasilitaattori paljastaa ne.',
  voteNow: 'Äänestä nyt',
  scoreNow: 'Arvioi nyt',
  hideNotice: 'Piilota ilmoitus',
  voteOnCard: 'Äänestä tätä korttia',
  unvoteOnCard: 'Peru yksi ääni tältä kortilta',
  ownVotesOnCard: 'Äänesi tällä kortilla: {n}',
  cardAtCap: 'Enintään {votes} / kortti',
  budgetSpent: 'Ei ääniä jäljellä',
  cardVotesInRound: '{votes} kierroksella {round}',
  roundLabel: 'Kierros {round}',
  voteRoundLabel: 'Äänestyskierros {round}',
  scoreRoundLabel: 'Arviointikierros {round}',
  shownOnCards: 'Kortit ja toimenpidesuunnitelma näyttävät kierroksen {round}.',
  votesFromRound: 'Äänet kierrokselta {round}',
  noRoundShown: 'Yhdelläkään kierroksella ei vielä ole tuloksia: korteissa ei näy ääniä.',
  shownOnBoard: 'näytetään taululla',
  scoresHidden: 'Arviot pysyvät piilossa, kunnes fasilitaattori paljastaa ne.',
  noScoresYet: 'Ei vielä arvioita.',
  quickWins: 'Pikavoitot',
  bigBets: 'Isot panostukset',
  fillIns: 'Täytetyöt',
  moneyPits: 'Rahareiät',
  impactAxis: 'Vaikutus (1–5)',
  effortAxis: 'Työmäärä (S · M · L)',
  matrixSummary: '{n} korttia vaikutuksen ja työmäärän keskiarvon mukaan; pisteen ympärillä varjostettu alue ulottuu keskihajonnan verran kumpaankin suuntaan, joten leveä alue kertoo erimielisyydestä.',
  matrixMean: 'vaikutus {impact} ± {impactSpread}, työmäärä {effort} ± {effortSpread}',
}

/** The voting words in English and Finnish; `{name}` marks are filled by `fillVotingText`. */
export const votingStrings: Record<Language, Record<VotingStringKey, string>> = { en, fi }

/** Fills `{name}` marks; a mark without a value stays, so a missing value shows instead of vanishing. */
export function fillVotingText(text: string, values: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : mark))
}

/** One language's voting words and counted phrases, for code outside React (the PDF) and inside it. */
export interface VotingText {
  language: Language
  t: (key: VotingStringKey, values?: Readonly<Record<string, string | number>>) => string
  count: (key: CountKey, n: number, of?: number) => string
}

/** The voting words of a language. */
export function votingText(language: Language): VotingText {
  return {
    language,
    t: (key, values) => fillVotingText(votingStrings[language][key], values),
    count: (key, n, of) => countText(language, key, n, of),
  }
}
