/**
 * Default card sizes: one card fits a 220-wide stage column with its padding,
 * and an empty card fits its fields while it is being edited (measured in
 * Chromium); cards grow taller with their text.
 */
export const CARD_SIZE = {
  touchpoint: { w: 196, h: 216 },
  gap: { w: 196, h: 230 },
  elevator: { w: 196, h: 290 },
} as const
