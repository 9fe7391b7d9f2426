import type { A11yKey } from '../en/a11y.js'

/** Finnish words that only assistive technology hears: card descriptions, vote buttons, live announcements, the canvas's name. */
export const a11y: Record<A11yKey, string> = {
  canvasLabel: 'Taulun piirtoalue',
  cardAtStage: '{kind} vaiheessa {stage}',
  elevatorCrossing: 'Hissi kuilun ”{gap}” yli',
  voteFor: 'Äänestä korttia ”{card}”',
  unvoteFrom: 'Peru ääni kortilta ”{card}”',
  timerOneMinute: 'Ajastimessa on minuutti jäljellä',
  roundOneMinute: '{name}: minuutti jäljellä',
  roundTimeIsUp: '{name}: aika loppui',
  notificationsRegion: 'Ilmoitukset (F8)',
  exportDone: 'PDF valmis: {file}',
}
