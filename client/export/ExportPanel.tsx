import dejavuUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'
import notoEmojiUrl from '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf?url'
import { useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.js'
import { fillIn } from '../i18n/fillIn.js'
import { SidePanel } from '../panels/SidePanel.js'
import { useAnnouncements } from '../ui/announcements.js'
import { errorText, refusalOf } from '../ui/apiRefusal.js'
import { keepWorkshopToken, pageInviteToken } from '../ui/inviteTokens.js'
import type { Language } from '../i18n/strings.js'
import { LanguageOptions } from '../ui/LanguageSwitcher.js'
import { boardHref } from '../ui/recentBoards.js'
import { useReasonText, useSettings, useT } from '../ui/useSettings.js'
import { collectPdfInput } from './collectPdfInput.js'
import { download, fileStem } from './download.js'
import { loadDrawnImages } from './loadDrawnImages.js'
import { mapPlanNote } from './mapPlanNote.js'
import { mapBoundsOf, planMap } from './pdf/mapPlan.js'
import type { MapLayout, Orientation, PageSizeName } from './pdf/pdfTypes.js'
import { readDrawnShapes } from './readDrawnShapes.js'

/** The board id from the page's path. */
const boardIdOfPage = (): string => location.pathname.split('/')[2] ?? ''

/** This page's invite token as an Authorization header, when there is one: never in a URL, where logs and the console would show it. */
const authorization = (): Record<string, string> => {
  const token = pageInviteToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** Opens a board imported into this workshop with this tab's token, kept for it first so that its address carries none. */
function openImported(boardId: string): void {
  const token = pageInviteToken()
  try {
    if (token) keepWorkshopToken([boardId], token)
    location.assign(`/b/${boardId}`)
  } catch {
    location.assign(boardHref({ id: boardId, token }))
  }
}

/**
 * Exports: the map and the action plan as PDF (built in the browser, with a
 * progress bar and a cancel button), the board or the selection as PNG or SVG,
 * the board as JSON (and import into a new board), the action plan as CSV.
 */
export function ExportPanel({ onClose }: { onClose: () => void }) {
  const t = useT()
  return (
    <SidePanel className="side-panel" titleId="export-title" title={t('export')} testId="export-panel" onClose={onClose}>
      <PdfSection />
      <ImageSection />
      <DataSection />
    </SidePanel>
  )
}

/**
 * Keeps the keyboard on the PDF's controls while the export button gives
 * way to the progress bar and back: on Cancel while it runs, on the export
 * button when it is done, unless the person has moved on meanwhile.
 */
function useExportFocus(isRunning: boolean): { start: RefObject<HTMLButtonElement | null>; cancel: RefObject<HTMLButtonElement | null> } {
  const start = useRef<HTMLButtonElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const wasRunning = useRef(isRunning)
  useLayoutEffect(() => {
    const active = document.activeElement
    const isLost = !active || active === document.body
    if (isRunning && isLost) cancel.current?.focus()
    if (!isRunning && wasRunning.current && isLost) start.current?.focus()
    wasRunning.current = isRunning
  }, [isRunning])
  return { start, cancel }
}

function PdfSection() {
  const t = useT()
  const editor = useEditor()
  const language = useSettings((settings) => settings.language)
  const { state } = useBoardContext()
  // The PDF is the workshop's document, so it starts in the workshop's language, not in this person's UI language.
  const [chosenPdfLanguage, setPdfLanguage] = useState<Language | null>(null)
  const pdfLanguage = chosenPdfLanguage ?? state.workshop.session?.workshopLanguage ?? language
  const [pageSize, setPageSize] = useState<PageSizeName>('A4')
  const [orientation, setOrientation] = useState<Orientation>('landscape')
  const [mapLayout, setMapLayout] = useState<MapLayout>('auto')
  // Planned from the board as it is now, with the PDF's own rule, so the note says what the file will hold.
  const mapBounds = useValue('map bounds', () => mapBoundsOf(editor.getCurrentPageShapes(), readDrawnShapes(editor)), [editor])
  const plan = mapBounds && planMap(mapBounds, { pageSize, orientation, mapLayout })
  const [progress, setProgress] = useState<number | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)
  const focus = useExportFocus(progress !== null)
  const announce = useAnnouncements((announcements) => announcements.announce)
  const run = async () => {
    const controller = new AbortController()
    abort.current = controller
    setProblem(null)
    setProgress(0)
    try {
      const [{ buildBoardPdf }, { loadPdfFonts }] = await Promise.all([import('./pdf/buildBoardPdf.js'), import('./pdf/pdfFonts.js')])
      const fonts = await loadPdfFonts({ text: dejavuUrl, emoji: notoEmojiUrl })
      const collected = collectPdfInput(editor, state.workshop, boardIdOfPage(), pdfLanguage)
      const input = { ...collected, drawn: await loadDrawnImages(editor, collected.drawn ?? []) }
      const bytes = await buildBoardPdf(input, { pageSize, orientation, mapLayout, language: pdfLanguage, fonts, signal: controller.signal, onProgress: (done, total) => setProgress(done / total) })
      const file = `${fileStem(input.boardName)}-${pageSize}-${orientation}.pdf`
      download(bytes, file, 'application/pdf')
      announce('export', fillIn(t('exportDone'), { file }))
    } catch (error) {
      if ((error as Error).name === 'AbortError') return
      const failed = `${t('exportFailed')}: ${(error as Error).message}`
      setProblem(failed)
      announce('export', failed)
    } finally {
      abort.current = null
      setProgress(null)
    }
  }
  return (
    <section aria-labelledby="pdf-heading">
      <h3 id="pdf-heading">PDF</h3>
      <div className="panel-row">
        <label>
          {t('pageSize')}{' '}
          <select value={pageSize} onChange={(event) => setPageSize(event.target.value as PageSizeName)} data-testid="pdf-page-size">
            {(['A4', 'A3', 'Letter'] as const).map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
        <label>
          {t('orientation')}{' '}
          <select value={orientation} onChange={(event) => setOrientation(event.target.value as Orientation)} data-testid="pdf-orientation">
            <option value="landscape">{t('landscape')}</option>
            <option value="portrait">{t('portrait')}</option>
          </select>
        </label>
        <label>
          {t('mapLayout')}{' '}
          <select value={mapLayout} onChange={(event) => setMapLayout(event.target.value as MapLayout)} data-testid="pdf-layout">
            <option value="auto">{t('mapAuto')}</option>
            <option value="fit">{t('fitOnePage')}</option>
            <option value="tile">{t('tilePages')}</option>
          </select>
        </label>
        <label>
          {t('pdfLanguage')}{' '}
          <select value={pdfLanguage} onChange={(event) => setPdfLanguage(event.target.value as Language)} data-testid="pdf-language">
            <LanguageOptions />
          </select>
        </label>
      </div>
      {plan && (
        <p className={plan.isReadable ? 'muted' : 'notice'} data-testid="pdf-map-plan" data-reason={plan.reason} data-pages={plan.pages} data-paper={plan.pageSize} data-readable={plan.isReadable}>
          {mapPlanNote(plan, pageSize, t, language)}
        </p>
      )}
      {progress === null ? (
        <button ref={focus.start} type="button" className="button primary" data-testid="export-pdf" onClick={() => void run()}>
          {t('exportPdf')}
        </button>
      ) : (
        <div className="panel-row">
          <progress value={progress} max={1} aria-label={t('exporting')} data-testid="pdf-progress" />
          <button ref={focus.cancel} type="button" className="button" onClick={() => abort.current?.abort()} data-testid="pdf-cancel">
            {t('cancel')}
          </button>
        </div>
      )}
      {problem && (
        <p className="notice" data-testid="pdf-problem">
          {problem}
        </p>
      )}
    </section>
  )
}

function ImageSection() {
  const t = useT()
  const editor = useEditor()
  const save = async (format: 'png' | 'svg', isSelection: boolean) => {
    const ids = isSelection ? editor.getSelectedShapeIds() : [...editor.getCurrentPageShapeIds()]
    if (ids.length === 0) return
    const { blob } = await editor.toImage(ids, { format, background: true, padding: 32 })
    download(blob, `kuilu-${boardIdOfPage().slice(0, 8)}.${format}`, blob.type)
  }
  return (
    <section aria-labelledby="image-heading">
      <h3 id="image-heading">{t('image')}</h3>
      <div className="panel-row">
        {(['png', 'svg'] as const).map((format) => (
          <span key={format} className="panel-row">
            <button type="button" className="button" data-testid={`export-${format}`} onClick={() => void save(format, false)}>
              {format.toUpperCase()} · {t('wholeBoard')}
            </button>
            <button type="button" className="button" onClick={() => void save(format, true)}>
              {format.toUpperCase()} · {t('selection')}
            </button>
          </span>
        ))}
      </div>
    </section>
  )
}

function DataSection() {
  const t = useT()
  const reasonText = useReasonText()
  const { state } = useBoardContext()
  const language = useSettings((settings) => settings.language)
  const [problem, setProblem] = useState<string | null>(null)
  const announce = useAnnouncements((announcements) => announcements.announce)
  const fail = (text: string) => {
    setProblem(text)
    announce('export', text)
  }
  const fetchFile = async (path: string, fileName: string) => {
    const response = await fetch(path, { headers: authorization() })
    if (!response.ok) throw await refusalOf(response)
    download(await response.blob(), fileName, response.headers.get('content-type') ?? 'application/octet-stream')
  }
  const attempt = (work: () => Promise<void>) => () => void work().catch((error: unknown) => fail(`${t('exportFailed')}: ${errorText(error, reasonText)}`))
  const boardId = boardIdOfPage()
  // A facilitator imports into the workshop, so the file's rounds and votes come back; anyone else gets a new open board.
  const session = state.workshop.session
  const workshopId = session?.role === 'facilitator' ? session.workshopId : null
  const importFile = async (file: File) => {
    const path = workshopId ? `/api/boards/import?workshop=${encodeURIComponent(workshopId)}` : '/api/boards/import'
    const headers = { 'content-type': 'application/json', ...(workshopId ? authorization() : {}) }
    const response = await fetch(path, { method: 'POST', headers, body: await file.text() })
    if (!response.ok) throw await refusalOf(response)
    const body = (await response.json()) as { id: string }
    if (workshopId) openImported(body.id)
    else location.assign(`/b/${body.id}`)
  }
  return (
    <section aria-labelledby="data-heading">
      <h3 id="data-heading">{t('data')}</h3>
      <div className="panel-row">
        <button type="button" className="button" data-testid="export-json" onClick={attempt(() => fetchFile(`/api/boards/${boardId}/export.json`, `kuilu-${boardId.slice(0, 8)}.json`))}>
          {t('exportJson')}
        </button>
        <button type="button" className="button" data-testid="export-csv" onClick={attempt(() => fetchFile(`/api/boards/${boardId}/action-plan.csv?lang=${language}`, `action-plan-${boardId.slice(0, 8)}.csv`))}>
          {t('exportCsv')}
        </button>
      </div>
      <label className="panel-row">
        {t(workshopId ? 'importJsonWorkshop' : 'importJson')}{' '}
        <input type="file" accept="application/json,.json" onChange={(event) => event.target.files?.[0] && attempt(() => importFile(event.target.files![0]))()} />
      </label>
      {problem && <p className="notice">{problem}</p>}
    </section>
  )
}
