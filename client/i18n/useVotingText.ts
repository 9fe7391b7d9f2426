import { useSettings } from '../ui/useSettings.js'
import { votingText, type VotingText } from './votingStrings.js'

/** The voting words and counted phrases in the chosen UI language. */
export function useVotingText(): VotingText {
  return votingText(useSettings((settings) => settings.language))
}
