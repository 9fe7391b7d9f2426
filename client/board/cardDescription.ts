import { ELEVATOR, GAP, type CardShape, type ElevatorShape, type GapShape, type TouchpointShape } from '../../shared/schema/cards.js'
import { fillIn } from '../i18n/fillIn.js'
import { countText } from '../i18n/plural.js'
import { strings, type Language, type StringKey } from '../i18n/strings.js'

/** What a card's description needs besides the card: the words, and what the board around it says. */
export interface CardSurroundings {
  language: Language
  /** The title of the stage the card is filed in, or null off the grid. */
  stageTitle: string | null
  /** An elevator's linked gap as a list names it (its target, else today), or null when it is not linked. */
  gapLabel: string | null
  /** The card's votes in the round the board shows. */
  votes: number
}

/**
 * What a screen reader hears when a card is selected (tldraw's announcer
 * reads ShapeUtil.getAriaDescriptor): what the card is and where, then what
 * it says, e.g. "Gap at Buy: target Every plan clear, today Hard to compare,
 * severity 3" or "Elevator crossing “Every plan clear”: action Clearer
 * service descriptions, owner Web team, 2 votes". Empty fields are left
 * out; a card's own label words are read in lower case, as a sentence
 * goes on. Pure.
 */
export function describeCard(card: CardShape, around: CardSurroundings): string {
  const words = strings[around.language]
  const say = (key: StringKey) => words[key]
  const field = (key: StringKey, value: string) => (value.trim() ? `${say(key).toLocaleLowerCase(around.language)} ${value.trim()}` : null)
  const at = (kind: string) => (around.stageTitle ? fillIn(say('cardAtStage'), { kind, stage: around.stageTitle }) : kind)
  const votes = around.votes > 0 ? countText(around.language, 'votes', around.votes) : null
  let head: string
  let details: (string | null)[]
  if (card.type === GAP) {
    const { target, today, theme, severity } = (card as GapShape).props
    head = at(say('tool.gap'))
    details = [field('target', target), field('today', today), field('theme', theme), field('severity', String(severity))]
  } else if (card.type === ELEVATOR) {
    const { action, owner } = (card as ElevatorShape).props
    head = around.gapLabel ? fillIn(say('elevatorCrossing'), { gap: around.gapLabel }) : `${say('tool.elevator')}, ${say('unlinked').toLocaleLowerCase(around.language)}`
    details = [field('action', action), field('owner', owner)]
  } else {
    const { title, channel, isDigital, owner } = (card as TouchpointShape).props
    head = at(say('tool.touchpoint'))
    details = [field('title', title), field('channel', say(`channel.${channel}`)), say(isDigital ? 'digital' : 'physical').toLocaleLowerCase(around.language), field('owner', owner)]
  }
  const said = [...details, votes].filter((part): part is string => part !== null)
  return said.length > 0 ? `${head}: ${said.join(', ')}` : head
}
