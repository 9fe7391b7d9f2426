import { ElevatorShapeUtil } from './shapes/ElevatorShapeUtil.js'
import { GapShapeUtil } from './shapes/GapShapeUtil.js'
import { JourneyShapeUtil } from './shapes/JourneyShapeUtil.js'
import { TouchpointShapeUtil } from './shapes/TouchpointShapeUtil.js'

/** Our shapes, registered in the store (so their records validate) and in the editor (so they render). */
export const cardShapeUtils = [JourneyShapeUtil, TouchpointShapeUtil, GapShapeUtil, ElevatorShapeUtil]

/**
 * Our shapes for one board page's editor: the cards told how to read their
 * votes in the round the board shows, which live in the page's workshop
 * state, not in the document; their descriptions for screen readers say them.
 */
export function boardShapeUtils(votesOf: (cardId: string) => number) {
  return [JourneyShapeUtil, TouchpointShapeUtil.configure({ votesOf }), GapShapeUtil.configure({ votesOf }), ElevatorShapeUtil.configure({ votesOf })]
}
