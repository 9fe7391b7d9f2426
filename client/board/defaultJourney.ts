import { gridSize } from '../../shared/journey/layout.js'
import type { JourneyShape } from '../../shared/schema/cards.js'
import type { Language } from '../i18n/strings.js'

const STAGES = {
  en: ['Discover', 'Choose', 'Buy', 'Start', 'Use', 'Get help', 'Leave'],
  fi: ['Havahtuminen', 'Valinta', 'Osto', 'Käyttöönotto', 'Käyttö', 'Avun hakeminen', 'Lähteminen'],
}
const LANES = {
  en: ['Customer actions', 'Touchpoints', 'Thoughts & feelings', 'Gaps', 'Elevators'],
  fi: ['Asiakkaan toiminta', 'Kosketuspisteet', 'Ajatukset ja tunteet', 'Kuilut', 'Hissit'],
}

/** A new customer journey grid drawn with the toolbar, in the UI language. */
export function defaultJourneyProps(language: Language): JourneyShape['props'] {
  const stages = STAGES[language].map((title, index) => ({ id: `stage-${index + 1}`, title, width: 220 }))
  const lanes = LANES[language].map((title, index) => ({ id: `lane-${index + 1}`, title, kind: index === 2 ? ('emotion' as const) : ('cards' as const), height: index === 2 ? 160 : 140 }))
  const title = language === 'fi' ? 'Asiakaspolku' : 'Customer journey'
  return { title, kind: 'customer', stages, lanes, emotions: {}, stageLinks: {}, ...gridSize({ stages, lanes }) }
}
