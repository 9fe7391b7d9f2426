import type { Signal } from '@tldraw/state'
import type { TLStore, TLUser } from '@tldraw/tlschema'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { attachControlChannel } from './attachControlChannel.js'
import { bindPresence } from './bindPresence.js'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { SaveTracker, type SaveStatus } from './SaveTracker.js'

/** How long a board with nothing cached waits for the server before it opens empty (offline, new board). */
const FIRST_SYNC_WAIT_MS = 4_000

/** What the board page renders from. */
export interface BoardState {
  phase: 'loading' | 'ready' | 'not-found'
  saveStatus: SaveStatus
  /** Records left out of the canvas because they failed validation. */
  quarantined: { id: string; reason: string }[]
}

/** An open board: its state to render, and `close()` to release doc, sockets and IndexedDB. */
export interface BoardHandle {
  readonly store: TLStore
  getState(): BoardState
  subscribe(listener: () => void): () => void
  close(): void
}

/** Options for `openBoard`. */
export interface OpenBoardOptions {
  boardId: string
  /** ws(s)://host/sync */
  syncUrl: string
  store: TLStore
  $user: Signal<TLUser>
}

/**
 * Opens a board offline-first: the Y.Doc loads from IndexedDB, syncs with the
 * server through y-websocket, and is bound to the tldraw store once there is
 * something to show (the cache, the server's state, or, offline and new, nothing).
 */
export function openBoard({ boardId, syncUrl, store, $user }: OpenBoardOptions): BoardHandle {
  const doc = new Y.Doc()
  const tracker = new SaveTracker()
  const listeners = new Set<() => void>()
  let state: BoardState = { phase: 'loading', saveStatus: tracker.status, quarantined: [] }
  const setState = (patch: Partial<BoardState>): void => {
    state = { ...state, ...patch }
    for (const listener of listeners) listener()
  }
  const cleanups: (() => void)[] = [tracker.subscribe(() => setState({ saveStatus: tracker.status }))]

  const cache = new IndexeddbPersistence(`kuilu-board-${boardId}`, doc)
  const provider = new WebsocketProvider(syncUrl, boardId, doc, { maxBackoffTime: 2_500 })
  const control = attachControlChannel(provider, tracker)
  cleanups.push(() => control.close())
  provider.on('connection-close', (event) => {
    if (event?.code === CloseCode.boardNotFound) setState({ phase: 'not-found' })
  })

  let isBound = false
  const bind = (): void => {
    if (isBound || isClosed) return
    isBound = true
    const binding = bindStoreToDoc(store, doc, {
      onQuarantine: (id, reason) => setState({ quarantined: [...state.quarantined.filter((q) => q.id !== id), { id, reason }] }),
    })
    const presence = bindPresence(store, provider.awareness, $user)
    cleanups.push(() => presence.close(), () => binding.close())
    setState({ phase: 'ready' })
  }
  let isClosed = false
  void cache.whenSynced.then(() => {
    if (doc.getArray(RECORDS_KEY).length > 0 || provider.synced) return bind()
    provider.once('sync', () => bind())
    const timer = setTimeout(bind, FIRST_SYNC_WAIT_MS)
    cleanups.push(() => clearTimeout(timer))
  })

  return {
    store,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      isClosed = true
      for (const cleanup of cleanups.splice(0).reverse()) cleanup()
      provider.destroy()
      void cache.destroy()
      doc.destroy()
      listeners.clear()
    },
  }
}
