import { useEffect, useState, type FormEvent } from 'react'
import { MAX_BOARD_NAME_LENGTH, type BoardEntry } from '../../shared/protocol/workshopMessages.js'
import { TEMPLATE_NAMES, templateTitle, type TemplateName } from '../../shared/templates/templates.js'
import { useBoardContext } from '../board/BoardContext.js'
import { errorText } from '../ui/apiRefusal.js'
import { keepWorkshopToken, pageInviteToken } from '../ui/inviteTokens.js'
import { boardHref } from '../ui/recentBoards.js'
import { useReasonText, useSettings, useT } from '../ui/useSettings.js'
import { pageBoardId, workshopApi } from './workshopApi.js'

/** A board's name as the list shows it: its own, else "Board 2" by its place. */
export function boardLabel(board: BoardEntry, index: number, word: string): string {
  return board.name || `${word} ${index + 1}`
}

/**
 * The workshop's boards, for everyone with a link: the invite token is the
 * workshop's, so the same link opens every board of it; it is kept for each
 * board, so the list's links carry no token (see inviteTokens.ts). The facilitator
 * names and renames boards (stored on the server, shown to everyone at
 * once) and adds boards from a template.
 */
export function BoardsSection() {
  const t = useT()
  const { state } = useBoardContext()
  const { boards, session } = state.workshop
  const isFacilitator = session?.role === 'facilitator'
  const here = pageBoardId()
  const boardIds = boards.map((board) => board.id).join(' ')
  useEffect(() => {
    const token = pageInviteToken()
    try {
      if (token && boardIds) keepWorkshopToken(boardIds.split(' '), token)
    } catch {
      // Storage refused: the token stayed in the address, and the links carry it.
    }
  }, [boardIds])
  if (boards.length === 0) return null
  return (
    <section aria-labelledby="boards-heading" data-testid="boards-section">
      <h3 id="boards-heading">{t('boards')}</h3>
      <ol className="board-list">
        {boards.map((board, index) => (
          <BoardItem key={board.id} board={board} label={boardLabel(board, index, t('board'))} isHere={board.id === here} canRename={isFacilitator} />
        ))}
      </ol>
      {isFacilitator && session?.workshopId && <AddBoard workshopId={session.workshopId} />}
    </section>
  )
}

/** The token when it is still in the page's address, i.e. storage refused to keep it, so a link must carry it; else null. */
const tokenLeftInAddress = (): string | null => new URLSearchParams(location.search).get('token')

function BoardItem({ board, label, isHere, canRename }: { board: BoardEntry; label: string; isHere: boolean; canRename: boolean }) {
  const t = useT()
  const { handle } = useBoardContext()
  const [draft, setDraft] = useState<string | null>(null)
  const save = (event: FormEvent) => {
    event.preventDefault()
    if (draft?.trim()) handle?.request({ type: 'rename-board', boardId: board.id, name: draft.trim() })
    setDraft(null)
  }
  if (draft !== null) {
    return (
      <li data-testid="board-item" data-board-id={board.id}>
        <form className="panel-row" onSubmit={save}>
          <input aria-label={t('boardName')} value={draft} maxLength={MAX_BOARD_NAME_LENGTH} autoFocus onChange={(event) => setDraft(event.target.value)} data-testid="board-name-input" />
          <button type="submit" className="button primary" disabled={!draft.trim()} data-testid="board-name-save">
            {t('save')}
          </button>
          <button type="button" className="button" onClick={() => setDraft(null)}>
            {t('cancel')}
          </button>
        </form>
      </li>
    )
  }
  return (
    <li data-testid="board-item" data-board-id={board.id} aria-current={isHere ? 'page' : undefined} className={isHere ? 'is-current' : ''}>
      {isHere ? (
        <strong data-testid="board-name">{label}</strong>
      ) : (
        <a href={boardHref({ id: board.id, token: tokenLeftInAddress() })} data-testid="board-name">
          {label}
        </a>
      )}
      {isHere && <span className="muted"> · {t('youAreHere')}</span>}
      {canRename && (
        <button type="button" className="button" onClick={() => setDraft(board.name || label)} data-testid="rename-board">
          {t('rename')}
        </button>
      )}
    </li>
  )
}

function AddBoard({ workshopId }: { workshopId: string }) {
  const t = useT()
  const reasonText = useReasonText()
  const language = useSettings((settings) => settings.language)
  const [template, setTemplate] = useState<TemplateName | ''>('customer-journey')
  const [problem, setProblem] = useState<unknown>(null)
  const add = () =>
    void workshopApi(`/api/workshops/${workshopId}/boards`, { method: 'POST', body: JSON.stringify({ template: template || null }) })
      .then(() => setProblem(null))
      .catch(setProblem)
  return (
    <div className="panel-row">
      <select aria-label={t('templates')} value={template} onChange={(event) => setTemplate(event.target.value as TemplateName | '')} data-testid="add-board-template">
        {TEMPLATE_NAMES.map((name) => (
          <option key={name} value={name}>
            {templateTitle(name, language)}
          </option>
        ))}
        <option value="">{t('blankBoard')}</option>
      </select>
      <button type="button" className="button" onClick={add} data-testid="add-board">
        + {t('addBoard')}
      </button>
      {problem !== null && (
        <p className="notice" role="alert">
          {errorText(problem, reasonText)}
        </p>
      )}
    </div>
  )
}
