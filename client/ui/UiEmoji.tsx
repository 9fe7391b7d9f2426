import notoEmojiUrl from '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf?url'

/** The emoji the UI writes: ⏱ on timers and 🔒 on locked agenda steps. */
const UI_EMOJI_RANGE = 'U+23F1, U+1F512'

/**
 * Registers the emoji font we already serve for the PDF as "Kuilu Emoji",
 * for the UI's few emoji only, so a device without an emoji font (a kiosk
 * or a bare Linux laptop on the projector) shows them instead of empty
 * boxes. The browser fetches it only when such a device needs it.
 */
export function registerUiEmojiFont(fonts: FontFaceSet = document.fonts): void {
  fonts.add(new FontFace('Kuilu Emoji', `url(${notoEmojiUrl})`, { unicodeRange: UI_EMOJI_RANGE }))
}

/**
 * An emoji in the device's colour emoji font when it has one, else in ours
 * (styles.css `.ui-emoji`): decoration hidden from screen readers, or,
 * with a `label`, an image that says what it means.
 */
export function UiEmoji({ children, label }: { children: string; label?: string }) {
  const meaning = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true }
  return (
    <span className="ui-emoji" {...meaning}>
      {children}
    </span>
  )
}
