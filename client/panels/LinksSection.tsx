import { useCallback, useEffect, useState } from 'react'
import type { Role } from '../../shared/rules/roles.js'
import { TEMPLATE_NAMES, templateTitle } from '../../shared/templates/templates.js'
import { useBoardContext } from '../board/BoardContext.js'
import { inviteToken } from '../board/useBoard.js'
import { errorText, refusalOf } from '../ui/apiRefusal.js'
import { useReasonText, useSettings, useT } from '../ui/useSettings.js'

interface LinkView {
  id: string
  role: Role
  url: string
  expiresAt: number
  isRevoked: boolean
}

/** Calls the workshop API with this page's invite token. */
async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${inviteToken() ?? ''}` } })
  if (!response.ok) throw await refusalOf(response)
  return (await response.json()) as T
}

/** The facilitator's boards and invite links: add a board, copy, rotate, revoke and re-date links. */
export function LinksSection() {
  const t = useT()
  const reasonText = useReasonText()
  const language = useSettings((settings) => settings.language)
  const workshopId = useBoardContext().state.workshop.session?.workshopId
  const [links, setLinks] = useState<LinkView[]>([])
  const [boards, setBoards] = useState<string[]>([])
  const [problem, setProblem] = useState<unknown>(null)
  const load = useCallback(async () => {
    if (!workshopId) return
    const body = await api<{ boards: string[]; links: LinkView[] }>(`/api/workshops/${workshopId}`)
    setBoards(body.boards)
    setLinks(body.links)
  }, [workshopId])
  useEffect(() => void load().catch(setProblem), [load])
  const act = (work: () => Promise<unknown>) => () => void work().then(load).catch(setProblem)
  const linkAction = (id: string, action: 'revoke' | 'rotate' | 'expiry', body?: object) =>
    act(() => api(`/api/workshops/${workshopId}/links/${id}/${action}`, { method: 'POST', body: JSON.stringify(body ?? {}) }))
  if (!workshopId) return null
  return (
    <section aria-labelledby="links-heading">
      <h3 id="links-heading">{t('inviteLinks')}</h3>
      {problem !== null && (
        <p className="notice" role="alert">
          {errorText(problem, reasonText)}
        </p>
      )}
      <ul className="vote-list">
        {links.map((link) => (
          <li key={link.id} data-role={link.role} className={link.isRevoked ? 'is-away' : ''}>
            <span>
              <strong>{t(`role.${link.role}`)}</strong> {link.isRevoked && '✕'}
            </span>
            {!link.isRevoked && (
              <span className="panel-row">
                <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(link.url)}>
                  {t('copy')}
                </button>
                <button type="button" className="button" onClick={linkAction(link.id, 'rotate')}>
                  ↻
                </button>
                <button type="button" className="button" onClick={linkAction(link.id, 'revoke')}>
                  ✕
                </button>
                <input
                  type="date"
                  aria-label={`${t(`role.${link.role}`)}: ${t('due')}`}
                  value={new Date(link.expiresAt).toISOString().slice(0, 10)}
                  onChange={(event) => event.target.value && linkAction(link.id, 'expiry', { expiresAt: Date.parse(`${event.target.value}T23:59:59`) })()}
                />
              </span>
            )}
          </li>
        ))}
      </ul>
      <ol>
        {boards.map((boardId) => (
          <li key={boardId}>
            <a href={`/b/${boardId}?token=${inviteToken() ?? ''}`}>{boardId.slice(0, 8)}…</a>
          </li>
        ))}
      </ol>
      <div className="panel-row">
        {TEMPLATE_NAMES.map((name) => (
          <button key={name} type="button" className="button" onClick={act(() => api(`/api/workshops/${workshopId}/boards`, { method: 'POST', body: JSON.stringify({ template: name }) }))}>
            + {templateTitle(name, language)}
          </button>
        ))}
      </div>
    </section>
  )
}
