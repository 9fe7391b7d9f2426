import type { Language } from '../i18n/strings.js'
import { useSettings, useT } from './useSettings.js'

const LABELS: Record<Language, string> = { fi: 'Suomi', en: 'English' }

/** Switches the UI language (ours and tldraw's); the choice is remembered. */
export function LanguageSwitcher() {
  const t = useT()
  const { language, setLanguage } = useSettings()
  return (
    <label className="language">
      <span className="visually-hidden">{t('language')}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)} aria-label={t('language')}>
        {(Object.keys(LABELS) as Language[]).map((code) => (
          <option key={code} value={code}>
            {LABELS[code]}
          </option>
        ))}
      </select>
    </label>
  )
}
