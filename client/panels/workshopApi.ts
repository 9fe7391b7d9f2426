import { refusalOf } from '../ui/apiRefusal.js'
import { pageInviteToken } from '../ui/inviteTokens.js'

/** Calls the workshop API with this page's invite token; a refusal throws with its reason code. */
export async function workshopApi<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${pageInviteToken() ?? ''}` } })
  if (!response.ok) throw await refusalOf(response)
  return (await response.json()) as T
}

/** The board this page shows, from its address (/b/<id>). */
export function pageBoardId(): string {
  return /^\/b\/([A-Za-z0-9_-]+)/.exec(location.pathname)?.[1] ?? ''
}
