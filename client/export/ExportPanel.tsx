import dejavuUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'
import notoEmojiUrl from '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf?url'
import { useRef, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useBoardContext } from '../board/BoardContext.js'
import { errorText, refusalOf } from '../ui/apiRefusal.js'
import { keepWorkshopToken, pageInviteToken } from '../ui/inviteTokens.js'
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
    <aside className="side-panel" aria-labelledby="export-title" data-testid="export-panel" onPointerDown={(event) => event.stopPropagation()}>
      <header>
        <h2 id="export-title">{t('export')}</h2>
        <button type="button" className="button" onClick={onClose} aria-label={t('close')}>
          ✕
        </button>
      </header>
      <PdfSection />
      <ImageSection />
      <DataSection />
    </aside>
  )
}

function PdfSection() {
  const t = useT()
  const editor = useEditor()
  const language = useSettings((settings) => settings.language)
  const { state } = useBoardContext()
  const [pageSize, setPageSize] = useState<PageSizeName>('A4')
  const [orientation, setOrientation] = useState<Orientation>('landscape')
  const [mapLayout, setMapLayout] = useState<MapLayout>('auto')
  // Planned from the board as it is now, with the PDF's own rule, so the note says what the file will hold.
  const mapBounds = useValue('map bounds', () => mapBoundsOf(editor.getCurrentPageShapes(), readDrawnShapes(editor)), [editor])
  const plan = mapBounds && planMap(mapBounds, { pageSize, orientation, mapLayout })
  const [progress, setProgress] = useState<number | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)
  const run = async () => {
    const controller = new AbortController()
    abort.current = controller
    setProblem(null)
    setProgress(0)
    try {
      const [{ buildBoardPdf }, { loadPdfFonts }] = await Promise.all([import('./pdf/buildBoardPdf.js'), import('./pdf/pdfFonts.js')])
      const fonts = await loadPdfFonts({ text: dejavuUrl, emoji: notoEmojiUrl })
      const collected = collectPdfInput(editor, state.workshop, boardIdOfPage(), language)
      const input = { ...collected, drawn: await loadDrawnImages(editor, collected.drawn ?? []) }
      const bytes = await buildBoardPdf(input, { pageSize, orientation, mapLayout, language, fonts, signal: controller.signal, onProgress: (done, total) => setProgress(done / total) })
      download(bytes, `${fileStem(input.boardName)}-${pageSize}-${orientation}.pdf`, 'application/pdf')
    } catch (error) {
      if ((error as Error).name !== 'AbortError') setProblem(`${t('exportFailed')}: ${(error as Error).message}`)
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
      </div>
      {plan && (
        <p className={plan.isReadable ? 'muted' : 'notice'} data-testid="pdf-map-plan" data-reason={plan.reason} data-pages={plan.pages} data-paper={plan.pageSize} data-readable={plan.isReadable}>
          {mapPlanNote(plan, pageSize, t, language)}
        </p>
      )}
      {progress === null ? (
        <button type="button" className="button primary" data-testid="export-pdf" onClick={() => void run()}>
          {t('exportPdf')}
        </button>
      ) : (
        <div className="panel-row">
          <progress value={progress} max={1} aria-label={t('exporting')} data-testid="pdf-progress" />
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            {t('cancel')}
          </button>
        </div>
      )}
      {problem && (
        <p className="notice" role="alert">
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
  const fetchFile = async (path: string, fileName: string) => {
    const response = await fetch(path, { headers: authorization() })
    if (!response.ok) throw await refusalOf(response)
    download(await response.blob(), fileName, response.headers.get('content-type') ?? 'application/octet-stream')
  }
  const attempt = (work: () => Promise<void>) => () => void work().catch((error: unknown) => setProblem(`${t('exportFailed')}: ${errorText(error, reasonText)}`))
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
      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
