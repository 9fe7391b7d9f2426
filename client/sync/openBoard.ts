import type { Signal } from '@tldraw/state'
import type { TLStore, TLUser } from '@tldraw/tlschema'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { reasonCloseCode } from '../../shared/protocol/reasons.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { attachControlChannel } from './attachControlChannel.js'
import { closeRefusal, isFinalClose, type RefusalNotice } from './closeRefusal.js'
import { bindPresence } from './bindPresence.js'
import { bindStoreToDoc, type StoreBinding } from './bindStoreToDoc.js'
import { sendOwnAwarenessOnly } from './sendOwnAwareness.js'
import { gateViewerWrites, silencePermissionDenied } from './gateViewerWrites.js'
import { offeredSubprotocols } from '../../shared/protocol/inviteProtocol.js'
import { inviteRoleOf } from './inviteRole.js'
import { SaveTracker, type SaveStatus } from './SaveTracker.js'
import type { Bounds, WorkshopRequest } from '../../shared/protocol/workshopMessages.js'
import { MessageType } from '../../shared/protocol/messages.js'
import * as encoding from 'lib0/encoding'
import { EMPTY_WORKSHOP, reduceWorkshop, type WorkshopState } from './workshopState.js'

/** How long a board with nothing cached waits for the server before it opens empty (offline, new board). */
const FIRST_SYNC_WAIT_MS = 4_000

/** A refusal whose close the client recovers from by reconnecting and resyncing. */
function isTransient({ reason }: RefusalNotice): boolean {
  const code = reasonCloseCode(reason)
  return code !== null && !isFinalClose(code) && code !== CloseCode.invalidRecord
}

/** What the board page renders from. */
export interface BoardState {
  phase: 'loading' | 'ready' | 'not-found' | 'denied'
  /** Why the server refused the connection (phase 'denied'); null when the close code names no reason. */
  denied: RefusalNotice | null
  /** The last thing the server refused on this connection (an update, or the connection for a while), for a notice. */
  rejected: (RefusalNotice & { at: number }) | null
  workshop: WorkshopState
  saveStatus: SaveStatus
  /** Records left out of the canvas because they failed validation. */
  quarantined: { id: string; reason: string }[]
}

/** Before anything is known: loading, offline, nothing refused. */
export const INITIAL_BOARD_STATE: BoardState = { phase: 'loading', denied: null, rejected: null, workshop: EMPTY_WORKSHOP, saveStatus: 'offline', quarantined: [] }

/** An open board: its state to render, and `close()` to release doc, sockets and IndexedDB. */
export interface BoardHandle {
  readonly store: TLStore
  getState(): BoardState
  subscribe(listener: () => void): () => void
  /** Sends a workshop request on the control channel (dropped while offline). */
  request(request: WorkshopRequest): void
  /** Called when the facilitator brings everyone to a place on the canvas. */
  onSummon(listener: (bounds: Bounds) => void): () => void
  /** Our Yjs client id, as others see it in awareness. */
  readonly clientId: number
  close(): void
}

/** Options for `openBoard`. */
export interface OpenBoardOptions {
  boardId: string
  /** ws(s)://host/sync */
  syncUrl: string
  store: TLStore
  $user: Signal<TLUser>
  /** The invite token from the link (sent as a subprotocol, never in the address) and the display name, sent on connect; the server knows the person by its own cookie. */
  params: Record<string, string>
}

/**
 * Opens a board offline-first: the Y.Doc loads from IndexedDB, syncs with the
 * server through y-websocket, and is bound to the tldraw store once there is
 * something to show (the cache, the server's state, or, offline and new, nothing).
 */
export function openBoard({ boardId, syncUrl, store, $user, params }: OpenBoardOptions): BoardHandle {
  const doc = new Y.Doc()
  const tracker = new SaveTracker()
  const listeners = new Set<() => void>()
  let state: BoardState = { ...INITIAL_BOARD_STATE, saveStatus: tracker.status }
  const summonListeners = new Set<(bounds: Bounds) => void>()
  const setState = (patch: Partial<BoardState>): void => {
    state = { ...state, ...patch }
    for (const listener of listeners) listener()
  }
  const cleanups: (() => void)[] = [tracker.subscribe(() => setState({ saveStatus: tracker.status }))]

  const cache = new IndexeddbPersistence(`kuilu-board-${boardId}`, doc)
  // The token goes beside the address, not in it: the browser prints a failed socket's address to the console on every retry while offline.
  const { token, ...query } = params
  const provider = new WebsocketProvider(syncUrl, boardId, doc, { maxBackoffTime: 2_500, params: query, protocols: offeredSubprotocols(token) })
  // Pushed before the presence binding, so that on close our leaving (a null state) still goes out.
  const ownAwareness = sendOwnAwarenessOnly(provider)
  cleanups.push(() => ownAwareness.close())
  // The token names the role before the server's session message does, so a viewer holds back from the first frame on.
  const tokenRole = inviteRoleOf(token)
  const isViewer = (): boolean => (state.workshop.session?.role ?? tokenRole) === 'viewer'
  const viewerGate = gateViewerWrites(provider, isViewer)
  cleanups.push(() => viewerGate.close())
  silencePermissionDenied(provider)
  // A viewer's local writes are never sent, so they are never owed: its save status reads Saved once online.
  const control = attachControlChannel(provider, tracker, { countsLocalUpdates: () => !isViewer() }, (message) => {
    if (message.type === 'summon') for (const listener of summonListeners) listener(message.bounds)
    if (message.type === 'rejected') return setState({ rejected: { reason: message.reason, params: message.params, at: Date.now() } })
    // A fresh session after a transient close (flood, pending updates, storage) has resynced: that notice is over.
    if (message.type === 'welcome' && state.rejected && isTransient(state.rejected)) return setState({ rejected: null })
    if (message.type === 'welcome' || message.type === 'ack') return
    setState({ workshop: reduceWorkshop(state.workshop, message, Date.now()) })
  })
  cleanups.push(() => control.close())
  provider.on('connection-close', (event) => {
    if (!event) return
    const refusal = closeRefusal(event.code, state.rejected)
    if (event.code === CloseCode.boardNotFound) setState({ phase: 'not-found' })
    else if (isFinalClose(event.code)) setState({ phase: 'denied', denied: refusal })
    else if (refusal && state.rejected?.reason !== refusal.reason) setState({ rejected: { ...refusal, at: Date.now() } })
  })

  let binding: StoreBinding | null = null
  /** `mayBeBehind`: bound before the server answered, so an empty doc may only mean its state has not arrived; it is then not seeded. */
  const bind = (mayBeBehind: boolean): void => {
    if (binding || isClosed) return
    binding = bindStoreToDoc(store, doc, {
      seedEmptyDoc: !mayBeBehind && !isViewer(),
      onQuarantine: (id, reason) => setState({ quarantined: [...state.quarantined.filter((q) => q.id !== id), { id, reason }] }),
      onRelease: (id) => setState({ quarantined: state.quarantined.filter((q) => q.id !== id) }),
    })
    const presence = bindPresence(store, provider.awareness, $user)
    const bound = binding
    cleanups.push(() => presence.close(), () => bound.close())
    setState({ phase: 'ready' })
  }
  let isClosed = false
  void cache.whenSynced.then(() => {
    if (doc.getArray(RECORDS_KEY).length > 0 || provider.synced) return bind(false)
    provider.once('sync', () => {
      bind(false)
      // Bound early (slow first answer): a board that is empty on the server too gets its document records now.
      if (!isViewer()) binding?.seedIfUnseeded()
    })
    const timer = setTimeout(() => bind(true), FIRST_SYNC_WAIT_MS)
    cleanups.push(() => clearTimeout(timer))
  })

  return {
    store,
    clientId: doc.clientID,
    getState: () => state,
    request(request) {
      if (!provider.wsconnected || !provider.ws) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.control)
      encoding.writeVarString(encoder, JSON.stringify(request))
      provider.ws.send(encoding.toUint8Array(encoder))
    },
    onSummon(listener) {
      summonListeners.add(listener)
      return () => summonListeners.delete(listener)
    },
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
