import type { Role } from '../../shared/rules/roles.js'
import type { Actor, Round, RoundState, Score, Vote } from '../../shared/rules/votingTypes.js'
import type { Result } from '../../shared/result.js'
import type { Language } from '../../shared/language.js'

/** The languages a workshop's templates and exports come in: the product's languages (shared/language.ts). */
export type WorkshopLanguage = Language

/** A workshop: a title, a language, boards, people and links. */
export interface Workshop {
  id: string
  title: string
  language: WorkshopLanguage
  createdAt: number
}

/** A board of a workshop as its board list shows it: the id and the name the facilitator gave it ('' until named). */
export interface WorkshopBoard {
  id: string
  name: string
}

/** An invite link as stored: revoking it or letting it expire refuses its token. */
export interface InviteLink {
  id: string
  workshopId: string
  role: Role
  expiresAt: number
  revokedAt: number | null
  createdAt: number
}

/** A person who joined by a link and named themself. */
export interface Person {
  id: string
  workshopId: string
  name: string
  color: string
  role: Role
}

/** The workshop timer: running toward `endsAt`, or paused with `remainingMs` left. */
export interface TimerState {
  boardId: string
  isRunning: boolean
  endsAt: number | null
  remainingMs: number
  hasSound: boolean
}

/** What a vote, withdraw or score needs besides the stored rows. */
export interface BallotInput {
  roundId: string
  actor: Actor
  cardId: string
  isCardInScope: boolean
  now: number
}

/**
 * Workshops, links, people, locks, timers, rounds, votes and scores: the
 * server state of facilitation (DESIGN.md invariant 2). Every ballot is
 * checked by the shared rules inside the same transaction that writes it.
 * Workshops and their boards are created through `DocStorage.createBoard`,
 * in the transaction that creates the board.
 */
export interface WorkshopStore {
  getWorkshop(id: string): Promise<Workshop | null>
  listBoards(workshopId: string): Promise<string[]>
  /** The workshop's boards in list order, with their names. */
  listWorkshopBoards(workshopId: string): Promise<WorkshopBoard[]>
  renameBoard(boardId: string, name: string): Promise<void>
  /** The round whose results the facilitator chose to show on a board, or null for the default choice. */
  getShownRound(boardId: string): Promise<string | null>
  setShownRound(boardId: string, roundId: string | null): Promise<void>
  workshopOfBoard(boardId: string): Promise<string | null>
  createLink(link: InviteLink): Promise<void>
  getLink(id: string): Promise<InviteLink | null>
  listLinks(workshopId: string): Promise<InviteLink[]>
  revokeLink(id: string, at: number): Promise<void>
  setLinkExpiry(id: string, expiresAt: number): Promise<void>
  setBoardLocked(boardId: string, isLocked: boolean): Promise<void>
  isBoardLocked(boardId: string): Promise<boolean>
  savePerson(person: Person): Promise<void>
  listPeople(workshopId: string): Promise<Person[]>
  saveTimer(timer: TimerState): Promise<void>
  getTimer(boardId: string): Promise<TimerState | null>
  createRound(round: Round): Promise<void>
  getRound(id: string): Promise<Round | null>
  listRounds(boardId: string): Promise<Round[]>
  setRoundState(id: string, state: RoundState): Promise<void>
  /** Closes a round unless it is closed already; true when this call closed it, so a time limit closes a round exactly once. */
  closeRoundIfOpen(id: string): Promise<boolean>
  castVote(input: BallotInput): Promise<Result<Vote>>
  withdrawVote(input: BallotInput): Promise<Result<Vote>>
  saveScore(input: BallotInput & { impact: Score['impact']; effort: Score['effort'] }): Promise<Result<Score>>
  listVotes(roundId: string): Promise<Vote[]>
  listScores(roundId: string): Promise<Score[]>
}
