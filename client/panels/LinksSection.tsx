import { useCallback, useEffect, useState } from 'react'
import type { Role } from '../../shared/rules/roles.js'
import { useBoardContext } from '../board/BoardContext.js'
import { errorText } from '../ui/apiRefusal.js'
import { CopyButton } from '../ui/CopyButton.js'
import { useReasonText, useT } from '../ui/useSettings.js'
import { workshopApi } from './workshopApi.js'

interface LinkView {
  id: string
  role: Role
  url: string
  expiresAt: number
  isRevoked: boolean
}

/**
 * The facilitator's invite links, at any time: each link's address in full,
 * to copy again, and a new link, revoking (after a confirmation: it cannot
 * be undone, and everyone on it is disconnected) or re-dating it. Read from
 * the server each time the panel opens, so a link is never shown only once.
 */
export function LinksSection() {
  const t = useT()
  const reasonText = useReasonText()
  const workshopId = useBoardContext().state.workshop.session?.workshopId
  const [links, setLinks] = useState<LinkView[]>([])
  const [problem, setProblem] = useState<unknown>(null)
  const [confirmingId, setConfirmingId] = useState<string | null>(null)
  const load = useCallback(async () => {
    if (!workshopId) return
    setLinks((await workshopApi<{ links: LinkView[] }>(`/api/workshops/${workshopId}`)).links)
    setProblem(null)
  }, [workshopId])
  useEffect(() => void load().catch(setProblem), [load])
  const linkAction = (id: string, action: 'revoke' | 'rotate' | 'expiry', body?: object) => () =>
    void workshopApi(`/api/workshops/${workshopId}/links/${id}/${action}`, { method: 'POST', body: JSON.stringify(body ?? {}) }).then(load).catch(setProblem)
  if (!workshopId) return null
  return (
    <section aria-labelledby="links-heading" data-testid="links-section">
      <h3 id="links-heading">{t('inviteLinks')}</h3>
      {problem !== null && (
        <p className="notice" role="alert">
          {errorText(problem, reasonText)}
        </p>
      )}
      <ul className="vote-list invite-link-list">
        {links.map((link) => (
          <li key={link.id} data-testid="invite-link" data-role={link.role} data-revoked={link.isRevoked} className={link.isRevoked ? 'is-away' : ''}>
            <span>
              <strong>{t(`role.${link.role}`)}</strong> {link.isRevoked && <span className="muted">({t('linkRevoked')})</span>}
            </span>
            {!link.isRevoked && (
              <>
                <input className="link-url" readOnly value={link.url} aria-label={`${t(`role.${link.role}`)}: ${t('inviteLinks')}`} onFocus={(event) => event.target.select()} data-testid="invite-link-url" />
                <span className="panel-row">
                  <CopyButton text={link.url} testId={`copy-link-${link.role}`} />
                  <button type="button" className="button" title={t('rotateLink')} data-testid="rotate-link" onClick={linkAction(link.id, 'rotate')}>
                    ↻
                  </button>
                  <button type="button" className="button" title={t('revokeLink')} aria-label={t('revokeLink')} aria-expanded={confirmingId === link.id} data-testid="revoke-link" onClick={() => setConfirmingId(link.id)}>
                    ✕
                  </button>
                  <label>
                    {t('linkExpires')}{' '}
                    <input
                      type="date"
                      value={new Date(link.expiresAt).toISOString().slice(0, 10)}
                      onChange={(event) => event.target.value && linkAction(link.id, 'expiry', { expiresAt: Date.parse(`${event.target.value}T23:59:59`) })()}
                    />
                  </label>
                </span>
                {confirmingId === link.id && (
                  <RevokeConfirmation
                    onRevoke={() => {
                      setConfirmingId(null)
                      linkAction(link.id, 'revoke')()
                    }}
                    onCancel={() => setConfirmingId(null)}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Asks before a link is revoked, in the link's own row; Cancel has the focus, so Enter does no harm. */
function RevokeConfirmation({ onRevoke, onCancel }: { onRevoke: () => void; onCancel: () => void }) {
  const t = useT()
  return (
    <div className="notice" role="group" aria-label={t('revokeQuestion')} data-testid="revoke-confirmation">
      <p>
        <strong>{t('revokeQuestion')}</strong> {t('revokeConsequence')}
      </p>
      <span className="panel-row">
        <button type="button" className="button primary" data-testid="confirm-revoke" onClick={onRevoke}>
          {t('revokeConfirm')}
        </button>
        <button type="button" className="button" autoFocus data-testid="cancel-revoke" onClick={onCancel}>
          {t('cancel')}
        </button>
      </span>
    </div>
  )
}
