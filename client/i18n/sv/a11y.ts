import type { A11yKey } from '../en/a11y.js'

/** Swedish words that only assistive technology hears: card descriptions, vote buttons, live announcements, the canvas's name (klyfta, hiss and skede as in index.ts). */
export const a11y: Record<A11yKey, string> = {
  canvasLabel: 'Tavlans arbetsyta',
  cardAtStage: '{kind} i skedet {stage}',
  elevatorCrossing: 'Hiss som överbryggar ”{gap}”',
  voteFor: 'Rösta på ”{card}”',
  unvoteFrom: 'Ta tillbaka en röst från ”{card}”',
  timerOneMinute: 'En minut kvar på timern',
  roundOneMinute: '{name}: en minut kvar',
  roundTimeIsUp: '{name}: tiden är ute',
  notificationsRegion: 'Aviseringar (F8)',
  exportDone: 'PDF klar: {file}',
}
