import { AppError } from "../core/app-error.js";
import { MAX_PRIORITY_RANK } from "./profile-schemas.js";

// Priority ranks are unique per State among needs that are not met (R2: "ranked priorities"; providers see the
// State's own order, res. 45/32 OP2). Giving a need a rank another open need holds moves that need — and the run of
// needs right behind it — down by one, as a person re-orders a list; gaps elsewhere are left alone.

export type RankedNeed = { id: string; rank: number };
export type RankMove = { id: string; from: number; to: number };

/**
 * The moves that free `rank` among `others` (open needs of the State, the edited one excluded). Moves are ordered
 * from the lowest priority up, so applying them one by one never puts two needs on the same rank. Refused when the
 * run would be pushed past rank 99.
 */
export function planRankShift(others: readonly RankedNeed[], rank: number): RankMove[] {
  const byRank = new Map(others.map((n) => [n.rank, n]));
  const run: RankedNeed[] = [];
  for (let r = rank; byRank.has(r); r++) run.push(byRank.get(r) as RankedNeed);
  const last = run.at(-1);
  if (last && last.rank >= MAX_PRIORITY_RANK) {
    throw new AppError(
      "rule_violation",
      `Priority rank ${rank} cannot be given: the needs ranked ${rank} to ${MAX_PRIORITY_RANK} would have to move past rank ${MAX_PRIORITY_RANK}`,
      [{ field: "priorityRank", message: `ranks ${rank} to ${MAX_PRIORITY_RANK} are all taken: choose a free rank or re-rank another need first` }],
    );
  }
  return run.reverse().map((n) => ({ id: n.id, from: n.rank, to: n.rank + 1 }));
}

/** A need holds its rank while it is not met; a met need keeps the number for history but frees the place. */
export function holdsRank(kind: string, status: string, rank: number | null): rank is number {
  return kind === "need" && status !== "met" && rank !== null;
}
