/** English words that only assistive technology hears (or that name a control for it): card descriptions, vote buttons, live announcements, the canvas's name; their keys are the keys every language must have. `{name}` marks a value filled in by `fillIn`. */
export const a11y = {
  canvasLabel: 'Board canvas',
  cardAtStage: '{kind} at {stage}',
  elevatorCrossing: 'Elevator crossing “{gap}”',
  voteFor: 'Vote for {card}',
  unvoteFrom: 'Take back a vote from {card}',
  timerOneMinute: 'One minute left on the timer',
  roundOneMinute: '{name}: one minute left',
  roundTimeIsUp: '{name}: time is up',
  /** tldraw's pop-up notices region (its toast viewport, which tldraw leaves unnamed in every language); F8 moves focus to it. */
  notificationsRegion: 'Notifications (F8)',
  exportDone: 'PDF ready: {file}',
}

/** A key of this area. */
export type A11yKey = keyof typeof a11y
