/**
 * The journey grid's UI words (its handle, its title field, why a stage or a
 * lane cannot be removed), in English and Finnish; `strings.ts` merges them
 * into the one table.
 */
export const gridStrings = {
  en: {
    mapHandleHint: 'Drag here to move the whole map with its cards. Double-click to edit its stages and lanes.',
    mapTitle: 'Map title',
    stageHasCards: 'This stage holds cards: move them out first',
    laneHasCards: 'This lane holds cards: move them out first',
  },
  fi: {
    mapHandleHint: 'Vedä tästä siirtääksesi koko kartan kortteineen. Kaksoisnapsauta muokataksesi vaiheita ja kaistoja.',
    mapTitle: 'Kartan nimi',
    stageHasCards: 'Tässä vaiheessa on kortteja: siirrä ne ensin pois',
    laneHasCards: 'Tällä kaistalla on kortteja: siirrä ne ensin pois',
  },
} as const satisfies Record<'en' | 'fi', Record<string, string>>
