import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/strings.js'
import { useSettings, useT } from './useSettings.js'

/**
 * One `<option>` per language, named in that language and marked with its
 * `lang`, so a screen reader says "Svenska" in Swedish whatever the page's
 * language is.
 */
export function LanguageOptions() {
  return (
    <>
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </>
  )
}

/** Switches the UI language (ours and tldraw's); the choice is remembered on this device. */
export function LanguageSwitcher() {
  const t = useT()
  const { language, setLanguage } = useSettings()
  return (
    <label className="language">
      <span className="visually-hidden">{t('language')}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)} aria-label={t('language')}>
        <LanguageOptions />
      </select>
    </label>
  )
}
