import type Database from 'better-sqlite3'
import { checkScore } from '../../../shared/rules/scoring.js'
import { checkVote, checkWithdraw } from '../../../shared/rules/voting.js'
import type { Round, RoundScope, RoundState, Score, Vote } from '../../../shared/rules/votingTypes.js'
import type { Result } from '../../../shared/result.js'
import type { BallotInput, InviteLink, Person, TimerState, Workshop, WorkshopBoard } from '../../workshops/WorkshopStore.js'
import type { ImportedRound } from '../DocStorage.js'
import { toLink, toPerson, toRound, toTimer, toWorkshop, type LinkRow, type PersonRow, type RoundRow, type TimerRow, type WorkshopRow } from '../workshopRows.js'
import { prepareWorkshopQueries } from './workshopQueries.js'

/** The workshop half of the SQLite store, synchronous: it runs on the storage thread. */
export type SqliteWorkshops = ReturnType<typeof createSqliteWorkshops>

/**
 * Workshops, links, people, locks, timers, rounds, votes and scores over one
 * open database (DESIGN.md invariant 2). Every ballot is checked by the shared
 * rules inside the transaction that writes it, so concurrent voters can never
 * pass a budget or a card's cap.
 */
export function createSqliteWorkshops(db: Database.Database) {
  const q = prepareWorkshopQueries(db)
  const getRound = (id: string): Round | null => {
    const row = q.selectRound.get(id) as RoundRow | undefined
    return row ? toRound(row) : null
  }
  const insertRound = (r: Round): void => {
    q.insertRound.run(r.id, r.workshopId, r.boardId, r.kind, JSON.stringify(r.scope satisfies RoundScope), r.votesPerPerson, r.maxVotesPerCard, r.isAnonymous ? 1 : 0, r.isHiddenUntilReveal ? 1 : 0, r.endsAt, r.state, r.createdAt)
  }
  const count = (statement: Database.Statement, ...args: unknown[]): number => (statement.get(...args) as { n: number }).n

  return {
    createWorkshopWithLinks: db.transaction((w: Workshop, links: readonly InviteLink[]): void => {
      q.insertWorkshop.run(w.id, w.title, w.language, w.createdAt)
      for (const link of links) q.insertLink.run(link.id, link.workshopId, link.role, link.expiresAt, link.revokedAt, link.createdAt)
    }),
    getWorkshop: (id: string): Workshop | null => {
      const row = q.selectWorkshop.get(id) as WorkshopRow | undefined
      return row ? toWorkshop(row) : null
    },
    /** Adds a board at the end of its workshop's list. */
    appendBoard: (workshopId: string, boardId: string): void => {
      q.insertBoard.run(boardId, workshopId, count(q.countBoards, workshopId))
    },
    listBoards: (workshopId: string): string[] => (q.selectBoards.all(workshopId) as { board_id: string }[]).map((row) => row.board_id),
    listWorkshopBoards: (workshopId: string): WorkshopBoard[] => q.selectWorkshopBoards.all(workshopId) as WorkshopBoard[],
    renameBoard: (boardId: string, name: string): void => void q.renameBoard.run(name, boardId),
    getShownRound: (boardId: string): string | null => (q.selectShownRound.get(boardId) as { shown_round_id: string | null } | undefined)?.shown_round_id ?? null,
    setShownRound: (boardId: string, roundId: string | null): void => void q.setShownRound.run(roundId, boardId),
    workshopOfBoard: (boardId: string): string | null => (q.selectBoardWorkshop.get(boardId) as { workshop_id: string } | undefined)?.workshop_id ?? null,
    createLink: (link: InviteLink): void => void q.insertLink.run(link.id, link.workshopId, link.role, link.expiresAt, link.revokedAt, link.createdAt),
    getLink: (id: string): InviteLink | null => {
      const row = q.selectLink.get(id) as LinkRow | undefined
      return row ? toLink(row) : null
    },
    listLinks: (workshopId: string): InviteLink[] => (q.selectLinks.all(workshopId) as LinkRow[]).map(toLink),
    revokeLink: (id: string, at: number): void => void q.revokeLink.run(at, id),
    setLinkExpiry: (id: string, expiresAt: number): void => void q.setLinkExpiry.run(expiresAt, id),
    setBoardLocked: (boardId: string, isLocked: boolean): void => void q.upsertLock.run(boardId, isLocked ? 1 : 0),
    isBoardLocked: (boardId: string): boolean => (q.selectLock.get(boardId) as { is_locked: number } | undefined)?.is_locked === 1,
    savePerson: (p: Person): void => void q.upsertPerson.run(p.id, p.workshopId, p.name, p.color, p.role),
    listPeople: (workshopId: string): Person[] => (q.selectPeople.all(workshopId) as PersonRow[]).map(toPerson),
    saveTimer: (t: TimerState): void => void q.upsertTimer.run(t.boardId, t.isRunning ? 1 : 0, t.endsAt, t.remainingMs, t.hasSound ? 1 : 0),
    getTimer: (boardId: string): TimerState | null => {
      const row = q.selectTimer.get(boardId) as TimerRow | undefined
      return row ? toTimer(row) : null
    },
    createRound: (round: Round): void => insertRound(round),
    getRound,
    listRounds: (boardId: string): Round[] => (q.selectRounds.all(boardId) as RoundRow[]).map(toRound),
    setRoundState: (id: string, state: RoundState): void => void q.setRoundState.run(state, id),
    closeRoundIfOpen: (id: string): boolean => q.closeOpenRound.run(id).changes === 1,
    castVote: db.transaction((input: BallotInput): Result<Vote> => {
      const { roundId, actor, cardId } = input
      // The card cap is per person: how many of one person's votes may sit on one card (dot-voting practice).
      const checked = checkVote({
        round: getRound(roundId),
        actor,
        cardId,
        isCardInScope: input.isCardInScope,
        votesByActor: count(q.countByVoter, roundId, actor.personId),
        votesOnCard: count(q.countByVoterOnCard, roundId, actor.personId, cardId),
        now: input.now,
      })
      if (!checked.ok) return checked
      q.insertVote.run(roundId, actor.personId, cardId, input.now)
      return { ok: true, value: { roundId, voterId: actor.personId, cardId } }
    }),
    withdrawVote: db.transaction((input: BallotInput): Result<Vote> => {
      const { roundId, actor, cardId } = input
      const checked = checkWithdraw({ round: getRound(roundId), actor, votesByActorOnCard: count(q.countByVoterOnCard, roundId, actor.personId, cardId), now: input.now })
      if (!checked.ok) return checked
      q.deleteOneVote.run(roundId, actor.personId, cardId)
      return { ok: true, value: { roundId, voterId: actor.personId, cardId } }
    }),
    saveScore: db.transaction((input: BallotInput & { impact: Score['impact']; effort: Score['effort'] }): Result<Score> => {
      const { roundId, actor, cardId, impact, effort } = input
      const checked = checkScore({ round: getRound(roundId), actor, cardId, isCardInScope: input.isCardInScope, impact, effort, now: input.now })
      if (!checked.ok) return checked
      q.upsertScore.run(roundId, actor.personId, cardId, impact, effort)
      return { ok: true, value: { roundId, voterId: actor.personId, cardId, impact, effort } }
    }),
    listVotes: (roundId: string): Vote[] => (q.selectVotes.all(roundId) as { voter_id: string; card_id: string }[]).map((row) => ({ roundId, voterId: row.voter_id, cardId: row.card_id })),
    listScores: (roundId: string): Score[] =>
      (q.selectScores.all(roundId) as { voter_id: string; card_id: string; impact: Score['impact']; effort: Score['effort'] }[]).map((row) => ({
        roundId,
        voterId: row.voter_id,
        cardId: row.card_id,
        impact: row.impact,
        effort: row.effort,
      })),
    /** Stores imported rounds with their ballots as cast: they were checked when cast, and a closed round takes none. */
    importRounds: db.transaction((rounds: readonly ImportedRound[], at: number): void => {
      for (const { round, votes, scores } of rounds) {
        insertRound(round)
        for (const vote of votes) q.insertVote.run(round.id, vote.voterId, vote.cardId, at)
        for (const score of scores) q.upsertScore.run(round.id, score.voterId, score.cardId, score.impact, score.effort)
      }
    }),
  }
}
