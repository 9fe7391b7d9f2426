import { ElevatorShapeUtil } from './shapes/ElevatorShapeUtil.js'
import { GapShapeUtil } from './shapes/GapShapeUtil.js'
import { JourneyShapeUtil } from './shapes/JourneyShapeUtil.js'
import { TouchpointShapeUtil } from './shapes/TouchpointShapeUtil.js'

/** Our shapes, registered in the store (so their records validate) and in the editor (so they render). */
export const cardShapeUtils = [JourneyShapeUtil, TouchpointShapeUtil, GapShapeUtil, ElevatorShapeUtil]
