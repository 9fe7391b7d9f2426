// The words of voting on the board (the round notice, the vote control on cards, the impact/effort matrix,
// the round the board shows) live in each language's voting area (en/voting.ts …) of the one dictionary;
// this module gives them to code inside React and outside it (the PDF) with the counted phrases beside them.
import type { VotingKey } from './en/voting.js'
import { fillIn } from './fillIn.js'
import { countText, type CountKey } from './plural.js'
import { strings, type Language } from './strings.js'

/** A key of the voting words. */
export type VotingStringKey = VotingKey

/** The voting words in every language; `{name}` marks are filled by `fillVotingText`. */
export const votingStrings: Readonly<Record<Language, Readonly<Record<VotingStringKey, string>>>> = strings

/** Fills `{name}` marks; a mark without a value stays, so a missing value shows instead of vanishing. */
export const fillVotingText = fillIn

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
    t: (key, values) => fillIn(votingStrings[language][key], values),
    count: (key, n, of) => countText(language, key, n, of),
  }
}
