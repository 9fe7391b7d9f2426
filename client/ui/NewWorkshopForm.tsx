import { useState, type FormEvent } from 'react'
import { MAX_WORKSHOP_TITLE_LENGTH, type CreateWorkshopBody } from '../../shared/protocol/httpBodies.js'
import type { Language } from '../i18n/strings.js'
import { errorText, refusalOf } from './apiRefusal.js'
import { useReasonText, useSettings, useT } from './useSettings.js'

type Links = Record<'facilitator' | 'participant' | 'viewer', string>

/** Creates a workshop and shows its three invite links: one per role, each a capability to share with care. */
export function NewWorkshopForm() {
  const t = useT()
  const reasonText = useReasonText()
  const uiLanguage = useSettings((settings) => settings.language)
  const [title, setTitle] = useState('')
  const [language, setLanguage] = useState<Language>(uiLanguage)
  const [links, setLinks] = useState<Links | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const request: CreateWorkshopBody = { title, language }
      const response = await fetch('/api/workshops', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
      if (!response.ok) throw await refusalOf(response)
      setLinks(((await response.json()) as { links: Links }).links)
    } catch (caught) {
      setError(errorText(caught, reasonText))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="workshop-heading">
      <h2 id="workshop-heading">{t('newWorkshop')}</h2>
      <form className="name-form" onSubmit={submit}>
        <label>
          <span>{t('workshopTitle')}</span>
          <input name="workshop-title" required maxLength={MAX_WORKSHOP_TITLE_LENGTH} value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label>
          <span>{t('workshopLanguage')}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            <option value="fi">Suomi</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit" className="button primary" disabled={isBusy || title.trim() === ''}>
          {t('createWorkshop')}
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {links && (
        <div className="invite-links" data-testid="invite-links">
          <h3>{t('inviteLinks')}</h3>
          {(Object.keys(links) as (keyof Links)[]).map((role) => (
            <p key={role}>
              <strong>{t(`role.${role}`)}</strong>{' '}
              <a href={links[role]} data-testid={`link-${role}`}>
                {links[role].slice(0, 48)}…
              </a>{' '}
              <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(links[role])}>
                {t('copy')}
              </button>
            </p>
          ))}
        </div>
      )}
    </section>
  )
}
