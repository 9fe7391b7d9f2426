/** The three roles of a workshop; each is granted by its own invite link. */
export type Role = 'facilitator' | 'participant' | 'viewer'

/** Every role, most powerful first. */
export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer']

/** Whether a role may change the board's document now: viewers never, participants unless the board is locked. */
export function canEditBoard(role: Role, isLocked: boolean): boolean {
  if (role === 'facilitator') return true
  if (role === 'participant') return !isLocked
  return false
}

/** Whether a role may cast votes and scores. */
export function canVote(role: Role): boolean {
  return role === 'facilitator' || role === 'participant'
}

/** Whether a role may run the workshop: rounds, locks, timer, links, follow and summon. */
export function canFacilitate(role: Role): boolean {
  return role === 'facilitator'
}
