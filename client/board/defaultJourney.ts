import { JOURNEY, type JourneyShape } from '../../shared/schema/cards.js'
import { buildTemplate } from '../../shared/templates/templates.js'
import type { Language } from '../i18n/strings.js'

/** A new journey grid drawn with the toolbar: the customer-journey template's grid, in the UI language. */
export function defaultJourneyProps(language: Language): JourneyShape['props'] {
  const journey = buildTemplate('customer-journey', language).find((record) => record.typeName === 'shape' && record.type === JOURNEY)
  if (!journey) throw new Error('the customer-journey template has no journey grid')
  return (journey as JourneyShape).props
}
