import { useState, type FormEvent } from 'react'
import { useSettings, useT } from './useSettings.js'

/** Edits the display name others see beside this person's cursor. */
export function NameForm({ onDone, autoFocus = false }: { onDone?: () => void; autoFocus?: boolean }) {
  const t = useT()
  const { name, setName } = useSettings()
  const [draft, setDraft] = useState(name)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setName(draft)
    onDone?.()
  }
  return (
    <form className="name-form" onSubmit={submit}>
      <label>
        <span>{t('yourName')}</span>
        <input
          name="display-name"
          value={draft}
          maxLength={60}
          autoFocus={autoFocus}
          onChange={(event) => setDraft(event.target.value)}
          aria-describedby="name-hint"
        />
      </label>
      <small id="name-hint">{t('nameHint')}</small>
      <button type="submit" className="button primary">
        {t('save')}
      </button>
    </form>
  )
}
