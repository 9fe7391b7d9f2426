import type { Editor } from 'tldraw'
import { JOURNEY, type JourneyShape } from '../../shared/schema/cards.js'
import type { WorkshopState } from '../sync/workshopState.js'
import type { BoardPdfInput } from './pdf/pdfTypes.js'
import { readDrawnShapes } from './readDrawnShapes.js'

/** What the PDF shows, read from the editor and the workshop state: shapes, the newest visible votes, closed rounds and scores. */
export function collectPdfInput(editor: Editor, workshop: WorkshopState, votes: Record<string, number>, boardId: string): BoardPdfInput {
  const shapes = editor.getCurrentPageShapes()
  const journey = shapes.find((shape) => shape.type === JOURNEY) as JourneyShape | undefined
  const closed = workshop.rounds.filter((view) => view.round.state === 'closed')
  return {
    workshopTitle: workshop.session?.workshopTitle ?? null,
    boardName: journey?.props.title || `Kuilu ${boardId.slice(0, 8)}`,
    date: new Date(),
    participantsCount: workshop.people.length,
    shapes,
    drawn: readDrawnShapes(editor),
    votes,
    rounds: closed.filter((view) => view.round.kind === 'vote').map((view) => ({ round: view.round, results: view.results })),
    scores: closed.filter((view) => view.round.kind === 'score' && view.scores?.summary).map((view) => ({ round: view.round, summaries: view.scores!.summary! })),
  }
}
