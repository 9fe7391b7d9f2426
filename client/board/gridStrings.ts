// A table of its own beside i18n/strings.ts, as i18n/workshopStrings.ts is:
// the journey grid's words, in English and Finnish, read with useGridT.
import type { Language } from '../i18n/strings.js'
import { useSettings } from '../ui/useSettings.js'

const en = {
  mapHandleHint: 'Drag here to move the whole map with its cards. Double-click to edit its stages and lanes.',
  mapTitle: 'Map title',
  stageHasCards: 'This stage holds cards: move them out first',
  laneHasCards: 'This lane holds cards: move them out first',
}

/** A key of the grid's words. */
export type GridStringKey = keyof typeof en

const fi: Record<GridStringKey, string> = {
  mapHandleHint: 'Vedä tästä siirtääksesi koko kartan kortteineen. Kaksoisnapsauta muokataksesi vaiheita ja kaistoja.',
  mapTitle: 'Kartan nimi',
  stageHasCards: 'Tässä vaiheessa on kortteja: siirrä ne ensin pois',
  laneHasCards: 'Tällä kaistalla on kortteja: siirrä ne ensin pois',
}

/** The journey grid's UI words, in English and Finnish. */
export const gridStrings: Record<Language, Record<GridStringKey, string>> = { en, fi }

/** The translator of the grid's words in the chosen UI language. */
export function useGridT(): (key: GridStringKey) => string {
  const language = useSettings((settings) => settings.language)
  return (key) => gridStrings[language][key]
}
