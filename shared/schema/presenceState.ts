import { InstancePresenceRecordType } from '@tldraw/tlschema'
import type { Result } from '../result.js'

/** Limits an awareness state must keep: its JSON size and how deep it nests. */
export interface PresenceLimits {
  maxBytes: number
  maxDepth: number
}

/** Defaults: a presence with thousands of selected shapes fits; a 20,000-deep nesting does not. */
export const DEFAULT_PRESENCE_LIMITS: PresenceLimits = { maxBytes: 256 * 1024, maxDepth: 16 }

/** The awareness state of one client: who it is (`user`), where it is on the canvas (`presence`, a tldraw instance presence), and other small fields. */
export type PresenceState = Record<string, unknown> & { user?: { name: string; color: string }; presence?: Record<string, unknown> }

/**
 * Checks one awareness state as a client sent it (JSON text) before anyone
 * else sees it: `badMessage` when it is not JSON, too large or nested too
 * deep (the connection is closed); `invalidRecord` when it is JSON but not a
 * presence — a `user` without a string name and colour, or a `presence` that
 * fails tldraw's validator or names another client (the entry is dropped).
 * `null` is a client leaving and passes.
 */
export function checkPresenceState(text: string, clientId: number, limits: PresenceLimits = DEFAULT_PRESENCE_LIMITS): Result<PresenceState | null> {
  if (text.length > limits.maxBytes) return { ok: false, reason: 'badMessage', detail: `awareness state of ${text.length} bytes is over ${limits.maxBytes}` }
  if (nestingDepth(text) > limits.maxDepth) return { ok: false, reason: 'badMessage', detail: `awareness state nests deeper than ${limits.maxDepth}` }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'badMessage', detail: 'awareness state is not JSON' }
  }
  if (value === null) return { ok: true, value: null }
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'invalidRecord', detail: 'awareness state is not an object' }
  const state = value as PresenceState
  if (state.user !== undefined && !isUser(state.user)) return { ok: false, reason: 'invalidRecord', detail: 'awareness user needs a string name and colour' }
  if (state.presence !== undefined) {
    try {
      const presence = InstancePresenceRecordType.validate(state.presence)
      if (presence.id !== InstancePresenceRecordType.createId(String(clientId))) return { ok: false, reason: 'invalidRecord', detail: 'presence names another client' }
    } catch (error) {
      return { ok: false, reason: 'invalidRecord', detail: `presence: ${error instanceof Error ? error.message : String(error)}` }
    }
  }
  return { ok: true, value: state }
}

function isUser(value: unknown): value is { name: string; color: string } {
  if (typeof value !== 'object' || value === null) return false
  const user = value as Record<string, unknown>
  return typeof user.name === 'string' && user.name.length <= 200 && (user.color === undefined || (typeof user.color === 'string' && user.color.length <= 64))
}

/** How deep JSON text nests, read without parsing it, so a hostile nesting never reaches a recursive reader. */
export function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let isInString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (isInString) {
      if (char === 0x5c) i++
      else if (char === 0x22) isInString = false
    } else if (char === 0x22) isInString = true
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth)
    else if (char === 0x7d || char === 0x5d) depth--
  }
  return deepest
}
