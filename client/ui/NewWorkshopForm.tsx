import { useState, type FormEvent } from 'react'
import { MAX_WORKSHOP_TITLE_LENGTH, type CreateWorkshopBody } from '../../shared/protocol/httpBodies.js'
import { TEMPLATE_NAMES, templateTitle, type TemplateName } from '../../shared/templates/templates.js'
import type { Language } from '../i18n/strings.js'
import { errorText, refusalOf } from './apiRefusal.js'
import { rememberWorkshop } from './recentWorkshops.js'
import { CopyButton } from './CopyButton.js'
import { LanguageOptions } from './LanguageSwitcher.js'
import { useReasonText, useSettings, useT } from './useSettings.js'

type Links = Record<'facilitator' | 'participant' | 'viewer', string>

/** What `POST /api/workshops` answers. */
interface CreatedWorkshop {
  id: string
  boards: string[]
  links: Links
}

/**
 * Creates a workshop from a template and shows its three invite links: one
 * per role, each a capability to share with care. This device remembers the
 * workshop with the facilitator's link, so the home page opens it again.
 */
export function NewWorkshopForm() {
  const t = useT()
  const reasonText = useReasonText()
  const uiLanguage = useSettings((settings) => settings.language)
  const [title, setTitle] = useState('')
  const [language, setLanguage] = useState<Language>(uiLanguage)
  const [template, setTemplate] = useState<TemplateName>('customer-journey')
  const [links, setLinks] = useState<Links | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const request: CreateWorkshopBody = { title, language, template }
      const response = await fetch('/api/workshops', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
      if (!response.ok) throw await refusalOf(response)
      const created = (await response.json()) as CreatedWorkshop
      const token = new URL(created.links.facilitator).searchParams.get('token')
      if (token) rememberWorkshop({ workshopId: created.id, title: title.trim(), role: 'facilitator', token, boardId: created.boards[0], openedAt: Date.now() })
      setLinks(created.links)
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
            <LanguageOptions />
          </select>
        </label>
        <label>
          <span>{t('firstBoardTemplate')}</span>
          <select name="workshop-template" value={template} onChange={(event) => setTemplate(event.target.value as TemplateName)} data-testid="workshop-template">
            {TEMPLATE_NAMES.map((name) => (
              <option key={name} value={name}>
                {templateTitle(name, language)}
              </option>
            ))}
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
              <CopyButton text={links[role]} />
            </p>
          ))}
          <p className="muted">{t('linksAgainInPanel')}</p>
          <a className="button primary" href={links.facilitator} data-testid="open-new-workshop">
            {t('openWorkshopNow')}
          </a>
        </div>
      )}
    </section>
  )
}
