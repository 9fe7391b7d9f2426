import { useSettings } from '../ui/useSettings.js'

/**
 * Keeps `<html lang>` on the chosen UI language, from before the first paint
 * on: screen readers pick their voice by it and browsers their hyphenation
 * and quotes. Returns the function that stops following.
 */
export function followDocumentLanguage(): () => void {
  document.documentElement.lang = useSettings.getState().language
  return useSettings.subscribe((settings) => {
    document.documentElement.lang = settings.language
  })
}
