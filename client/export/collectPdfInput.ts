import type { Editor } from 'tldraw'
import { JOURNEY, type JourneyShape } from '../../shared/schema/cards.js'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { roundNumber } from '../board/useCardVotes.js'
import type { Language } from '../i18n/strings.js'
import { votingText } from '../i18n/votingStrings.js'
import { shownRoundView, type WorkshopState } from '../sync/workshopState.js'
import { pdfText } from './pdf/pdfStrings.js'
import type { BoardPdfInput } from './pdf/pdfTypes.js'
import { readDrawnShapes } from './readDrawnShapes.js'

/** A round's heading in the results pages: its kind and number as the panel counts them, and whether the board shows it. */
function roundTitle(view: RoundView, rounds: readonly RoundView[], shownId: string | null, language: Language): string {
  const t = pdfText(language)
  const number = roundNumber(rounds, view.round.id)
  const title = `${t(view.round.kind === 'vote' ? 'voteRound' : 'scoreRound')} ${number} — ${t(`scope.${view.round.scope.kind}`)}`
  return view.round.id === shownId ? `${title} · ${votingText(language).t('shownOnBoard')}` : title
}

/**
 * What the PDF shows, read from the editor and the workshop state: shapes,
 * the votes of the one round the board shows (`shownRoundView`, the same
 * round the cards and the action plan show; none when it shows no round),
 * and every revealed or closed round with its results and scores, headed in
 * `language`, the one the export writes in.
 */
export function collectPdfInput(editor: Editor, workshop: WorkshopState, boardId: string, language: Language): BoardPdfInput {
  const shapes = editor.getCurrentPageShapes()
  const journey = shapes.find((shape) => shape.type === JOURNEY) as JourneyShape | undefined
  const shown = shownRoundView(workshop)
  const settled = workshop.rounds.filter((view) => view.round.state !== 'open')
  const title = (view: RoundView) => roundTitle(view, workshop.rounds, shown?.round.id ?? null, language)
  return {
    workshopTitle: workshop.session?.workshopTitle ?? null,
    boardName: journey?.props.title || `Kuilu ${boardId.slice(0, 8)}`,
    date: new Date(),
    participantsCount: workshop.people.length,
    shapes,
    drawn: readDrawnShapes(editor),
    votes: shown?.results.tally ?? {},
    rounds: settled.filter((view) => view.round.kind === 'vote').map((view) => ({ round: view.round, results: view.results, title: title(view) })),
    scores: settled.filter((view) => view.round.kind === 'score' && view.scores?.summary).map((view) => ({ round: view.round, summaries: view.scores!.summary!, title: title(view) })),
  }
}
