import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useMemo } from 'react'
import { Tldraw, atom, createUserId, useTldrawCurrentUser, UserRecordType, type Editor, type TLUser } from 'tldraw'
import { LanguageSwitcher } from '../ui/LanguageSwitcher.js'
import { rememberBoard } from '../ui/recentBoards.js'
import { useSettings, useT, type Settings } from '../ui/useSettings.js'
import { BoardStatus } from './BoardStatus.js'
import { NameDialog } from './NameDialog.js'
import { useBoard } from './useBoard.js'

/** tldraw's fonts, icons and translations, bundled and served by our own server. */
const assetUrls = getAssetUrlsByImport()
const licenseKey = import.meta.env.VITE_TLDRAW_LICENSE_KEY as string | undefined

declare global {
  interface Window {
    /** Handles for debugging and the end-to-end tests. */
    kuilu?: { editor: Editor }
  }
}

const toUser = (settings: Settings): TLUser =>
  UserRecordType.create({ id: createUserId(settings.userId), name: settings.name, color: settings.color })

/** One board: the tldraw canvas bound to the board's Y.Doc, with save status and presence. */
export function BoardPage({ boardId }: { boardId: string }) {
  const t = useT()
  const settings = useSettings()
  const $user = useMemo(() => atom('kuilu user', toUser(useSettings.getState())), [])
  useEffect(() => void $user.set(toUser(settings)), [$user, settings])
  useEffect(() => rememberBoard(boardId), [boardId])
  const board = useBoard(boardId, $user)
  const currentUser = useTldrawCurrentUser({
    userPreferences: { id: settings.userId, name: settings.name, color: settings.color, locale: settings.language },
    setUserPreferences: (preferences) => {
      if (preferences.name && preferences.name !== settings.name) settings.setName(preferences.name)
      if (preferences.locale === 'fi' || preferences.locale === 'en') settings.setLanguage(preferences.locale)
    },
  })

  if (board.state.phase === 'not-found') {
    return (
      <main className="home">
        <p role="alert">{t('boardNotFound')}</p>
        <a className="button" href="/">
          {t('backHome')}
        </a>
      </main>
    )
  }
  return (
    <div className="board" data-phase={board.state.phase}>
      {board.state.phase === 'ready' ? (
        <Tldraw
          store={board.store}
          assetUrls={assetUrls}
          licenseKey={licenseKey}
          user={currentUser}
          onMount={(editor) => {
            window.kuilu = { editor }
          }}
          components={{ SharePanel: () => <BoardStatus state={board.state} /> }}
        />
      ) : (
        <p className="loading" role="status">
          {t('loadingBoard')}
        </p>
      )}
      <div className="board-corner">
        <LanguageSwitcher />
      </div>
      {!settings.hasChosenName && <NameDialog />}
    </div>
  )
}
