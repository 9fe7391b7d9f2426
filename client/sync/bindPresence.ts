import { react, type Signal } from '@tldraw/state'
import {
  InstancePresenceRecordType,
  createPresenceStateDerivation,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'

/** The awareness fields a stock Yjs client also understands: who this is. */
export interface AwarenessUser {
  name: string
  color: string
}

/**
 * Shares this person's cursor, selection and viewport through awareness and
 * shows everyone else's as tldraw collaborator presence records. Presence
 * records are session-scoped: they never enter the Y.Doc.
 */
export function bindPresence(store: TLStore, awareness: Awareness, $user: Signal<TLUser>): { close(): void } {
  const presenceId = InstancePresenceRecordType.createId(String(awareness.clientID))
  const $presence = createPresenceStateDerivation($user, { instanceId: presenceId })(store)
  let frame = 0
  const stopReacting = react('publish presence', () => {
    const presence = $presence.get()
    const user = $user.get()
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => {
      // One state per frame, so one awareness message: the server counts them against this person's allowance.
      // No presence before the editor has an instance: the server drops a state whose presence fails tldraw's validator.
      const { presence: _previous, ...rest } = awareness.getLocalState() ?? {}
      awareness.setLocalState({ ...rest, user: { name: user.name, color: user.color } satisfies AwarenessUser, ...(presence ? { presence } : {}) })
    })
  })

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    const states = awareness.getStates()
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue
      const presence = states.get(clientId)?.presence as TLInstancePresence | undefined
      const id = InstancePresenceRecordType.createId(String(clientId))
      const record = presence && toPresenceRecord(presence, id)
      if (record) toPut.push(record)
      else toRemove.push(id)
    }
    for (const clientId of removed) toRemove.push(InstancePresenceRecordType.createId(String(clientId)))
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove.filter((id) => store.has(id)))
      if (toPut.length > 0) store.put(toPut)
    })
  }
  awareness.on('change', onChange)

  return {
    close() {
      stopReacting()
      cancelAnimationFrame(frame)
      awareness.off('change', onChange)
      awareness.setLocalState(null)
    },
  }
}

/** A remote presence as a valid record, or null: a malformed one from any client is ignored. */
function toPresenceRecord(presence: TLInstancePresence, id: TLInstancePresence['id']): TLInstancePresence | null {
  try {
    return InstancePresenceRecordType.validate(InstancePresenceRecordType.create({ ...presence, id }))
  } catch {
    return null
  }
}
