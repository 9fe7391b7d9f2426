/**
 * The UI strings of a live board's roles and exports (view only, following
 * the facilitator, revoking a link with confirmation, and how the PDF prints
 * the map), in English and Finnish; `strings.ts` merges them into the one
 * table. `{name}` marks a value filled in by `fillIn`.
 */
export const liveBoardStrings = {
  en: {
    viewOnly: 'View only',
    followingFacilitator: 'Following the facilitator — Esc stops',
    revokeQuestion: 'Revoke this link?',
    revokeConsequence: 'Everyone who uses it loses access at once, and it cannot be used again.',
    revokeConfirm: 'Revoke',
    mapAuto: 'Readable (automatic)',
    mapFits: 'The map fits one {paper} page; card text prints at {pt} pt.',
    mapTurnedLandscape: 'On one {chosen} page card text would print at {fitPt} pt, too small to read, so the map page is turned to landscape (card text {pt} pt).',
    mapTurnedPortrait: 'On one {chosen} page card text would print at {fitPt} pt, too small to read, so the map page is turned to portrait (card text {pt} pt).',
    mapLargerPage: 'On one {chosen} page card text would print at {fitPt} pt, too small to read, so the map gets one {paper} page (card text {pt} pt); the other pages stay {chosen}.',
    mapTiles: 'On one {chosen} page card text would print at {fitPt} pt, too small to read, so the map is split over {pages} {paper} pages (card text {pt} pt): glue them along the dashed lines.',
    mapChosenFit: 'Card text prints at {pt} pt.',
    mapChosenFitSmall: 'Card text prints at {pt} pt on one {paper} page: too small to read. "Readable (automatic)" chooses a larger page or tiles.',
    mapChosenTiles: 'The map is split over {pages} {paper} pages; card text prints at {pt} pt.',
  },
  fi: {
    viewOnly: 'Vain katselu',
    followingFacilitator: 'Seuraat fasilitaattoria — Esc lopettaa',
    revokeQuestion: 'Perutaanko tämä linkki?',
    revokeConsequence: 'Kaikki sen käyttäjät menettävät pääsyn heti, eikä linkkiä voi enää käyttää.',
    revokeConfirm: 'Peru linkki',
    mapAuto: 'Luettava (automaattinen)',
    mapFits: 'Kartta mahtuu yhdelle {paper}-sivulle; korttien teksti tulostuu {pt} pt:n kokoisena.',
    mapTurnedLandscape: 'Yhdellä {chosen}-sivulla korttien teksti olisi {fitPt} pt, liian pientä luettavaksi, joten karttasivu käännetään vaakasuuntaan (teksti {pt} pt).',
    mapTurnedPortrait: 'Yhdellä {chosen}-sivulla korttien teksti olisi {fitPt} pt, liian pientä luettavaksi, joten karttasivu käännetään pystysuuntaan (teksti {pt} pt).',
    mapLargerPage: 'Yhdellä {chosen}-sivulla korttien teksti olisi {fitPt} pt, liian pientä luettavaksi, joten kartta saa oman {paper}-sivun (teksti {pt} pt); muut sivut pysyvät {chosen}-kokoisina.',
    mapTiles: 'Yhdellä {chosen}-sivulla korttien teksti olisi {fitPt} pt, liian pientä luettavaksi, joten kartta jaetaan {pages} {paper}-sivulle (teksti {pt} pt): liimaa sivut yhteen katkoviivoja pitkin.',
    mapChosenFit: 'Korttien teksti tulostuu {pt} pt:n kokoisena.',
    mapChosenFitSmall: 'Yhdellä {paper}-sivulla korttien teksti on {pt} pt: liian pientä luettavaksi. ”Luettava (automaattinen)” valitsee suuremman sivun tai jakaa kartan usealle sivulle.',
    mapChosenTiles: 'Kartta jaetaan {pages} {paper}-sivulle; korttien teksti tulostuu {pt} pt:n kokoisena.',
  },
} as const satisfies Record<'en' | 'fi', Record<string, string>>

/** Fills `{name}` marks in a string with values; a mark without a value is left as it is, so a missing value shows. */
export function fillIn(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : mark))
}
