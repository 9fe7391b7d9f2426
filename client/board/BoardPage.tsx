import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  DefaultMainMenu,
  DefaultMainMenuContent,
  Tldraw,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  atom,
  createUserId,
  useTldrawCurrentUser,
  UserRecordType,
  type Editor,
  type TLComponents,
  type TLUser,
  type TLUserPreferences,
} from 'tldraw'
import { isLanguage } from '../i18n/strings.js'
import { useTldrawTranslations } from '../i18n/useTldrawTranslations.js'
import { rememberBoard } from '../ui/recentBoards.js'
import { useReasonText, useSettings, useT, type Settings } from '../ui/useSettings.js'
import { ExportPanel } from '../export/ExportPanel.js'
import { ActionPlanPanel } from '../panels/ActionPlanPanel.js'
import { BoardAnnouncements } from '../panels/BoardAnnouncements.js'
import { RoundBanner } from '../panels/RoundBanner.js'
import { WorkshopPanel } from '../panels/WorkshopPanel.js'
import { BoardContext, useBoardContext } from './BoardContext.js'
import { WorkshopEffects } from './WorkshopEffects.js'
import { useBoardUi } from '../ui/useBoardUi.js'
import { BoardStatus } from './BoardStatus.js'
import { CanvasA11y } from './CanvasA11y.js'
import { registerCardSideEffects } from './cardActions.js'
import { registerGridArrangement } from './gridArrangement.js'
import './board.css'
import { boardShapeUtils } from './shapeUtils.js'
import { cardTools } from './tools.js'
import { Toolbar, uiOverrides } from './uiOverrides.js'
import { NameDialog } from './NameDialog.js'
import { useBoard } from './useBoard.js'
import { shownTally } from './useCardVotes.js'

/** tldraw's fonts, icons and translations, bundled and served by our own server. */
const assetUrls = getAssetUrlsByImport()
const licenseKey = import.meta.env.VITE_TLDRAW_LICENSE_KEY as string | undefined

declare global {
  interface Window {
    /** Handles for debugging and the end-to-end tests. */
    kuilu?: { editor: Editor }
  }
}

/** Components tldraw renders; a constant, because a new object would remount the editor. */
const components: TLComponents = {
  SharePanel: () => <BoardStatus state={useBoardContext().state} />,
  Toolbar,
  MainMenu: () => {
    const t = useT()
    const toggleExport = useBoardUi((ui) => ui.toggleExport)
    return (
      <DefaultMainMenu>
        <TldrawUiMenuGroup id="kuilu-export">
          <TldrawUiMenuItem id="kuilu-export-pdf" label={t('exportPdf')} icon="external-link" readonlyOk onSelect={toggleExport} />
        </TldrawUiMenuGroup>
        <DefaultMainMenuContent />
      </DefaultMainMenu>
    )
  },
  InFrontOfTheCanvas: () => {
    const { isActionPlanOpen, isWorkshopOpen, isExportOpen, toggleActionPlan, toggleWorkshop, toggleExport } = useBoardUi()
    return (
      <>
        <CanvasA11y />
        <BoardAnnouncements />
        <WorkshopEffects />
        <RoundBanner />
        {isActionPlanOpen && <ActionPlanPanel onClose={toggleActionPlan} />}
        {isWorkshopOpen && <WorkshopPanel onClose={toggleWorkshop} />}
        {isExportOpen && <ExportPanel onClose={toggleExport} />}
      </>
    )
  },
}

const onMount = (editor: Editor) => {
  window.kuilu = { editor }
  if (editor.getCurrentPageShapeIds().size > 0) editor.zoomToFit()
  const stops = [registerCardSideEffects(editor), registerGridArrangement(editor)]
  return () => stops.forEach((stop) => stop())
}

const toUser = (settings: Settings): TLUser =>
  UserRecordType.create({ id: createUserId(settings.userId), name: settings.name, color: settings.color })

/** One board: the tldraw canvas bound to the board's Y.Doc, with save status and presence. */
export function BoardPage({ boardId }: { boardId: string }) {
  const t = useT()
  const reasonText = useReasonText()
  const settings = useSettings()
  const $user = useMemo(() => atom('kuilu user', toUser(useSettings.getState())), [])
  useEffect(() => void $user.set(toUser(settings)), [$user, settings])
  useEffect(() => rememberBoard(boardId), [boardId])
  const board = useBoard(boardId, $user)
  const [$votes] = useState(() => atom<Record<string, number>>('shown tally', {}))
  useEffect(() => void $votes.set(shownTally({ state: board.state, handle: board.handle })), [$votes, board.state, board.handle])
  // One set of shape utils for the page's life: a new set would rebuild the editor.
  const shapeUtils = useMemo(() => boardShapeUtils((cardId) => $votes.get()[cardId] ?? 0), [$votes])
  const pageRef = useRef<HTMLElement>(null)
  const canvasOrPage = useCallback(() => pageRef.current?.querySelector<HTMLElement>('.tl-container') ?? pageRef.current, [])
  const { userId, name, color, language, setName, setLanguage } = settings
  const userPreferences = useMemo(() => ({ id: userId, name, color, locale: language }), [userId, name, color, language])
  const setUserPreferences = useCallback(
    (preferences: TLUserPreferences) => {
      if (preferences.name && preferences.name !== name) setName(preferences.name)
      if (isLanguage(preferences.locale)) setLanguage(preferences.locale)
    },
    [name, setName, setLanguage],
  )
  const currentUser = useTldrawCurrentUser({ userPreferences, setUserPreferences })
  const tldrawTranslations = useTldrawTranslations()

  if (board.state.phase === 'not-found' || board.state.phase === 'denied') {
    return (
      <main className="home">
        <p role="alert" data-testid="board-denied" data-reason={board.state.denied?.reason}>
          {board.state.phase === 'not-found' ? t('boardNotFound') : board.state.denied ? reasonText(board.state.denied) : t('deniedOther')}
        </p>
        <a className="button" href="/">
          {t('backHome')}
        </a>
      </main>
    )
  }
  return (
    <main ref={pageRef} className="board" data-phase={board.state.phase} tabIndex={-1}>
      {board.state.phase === 'ready' && tldrawTranslations ? (
        <BoardContext.Provider value={{ state: board.state, handle: board.handle }}>
          <Tldraw
            store={board.store}
            assetUrls={assetUrls}
            licenseKey={licenseKey}
            user={currentUser}
            shapeUtils={shapeUtils}
            tools={cardTools}
            overrides={[uiOverrides, tldrawTranslations]}
            onMount={onMount}
            components={components}
          />
        </BoardContext.Provider>
      ) : (
        <p className="loading" role="status">
          {t('loadingBoard')}
        </p>
      )}
      {!settings.hasChosenName && <NameDialog returnFocusTo={canvasOrPage} />}
    </main>
  )
}
