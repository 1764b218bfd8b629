import { describe, expect, it } from "vitest";
import { isAppError } from "../src/domain/core/app-error.js";
import { holdsRank, planRankShift } from "../src/domain/profiles/profile-rank.js";

const needs = (...ranks: number[]) => ranks.map((rank) => ({ id: `n${rank}`, rank }));

describe("planRankShift (R2: ranks unique per State among open needs)", () => {
  it.each([
    { name: "free rank: nobody moves", others: needs(1, 2, 4), rank: 3, moves: [] },
    { name: "taken rank: that need moves down", others: needs(1, 3), rank: 1, moves: [{ id: "n1", from: 1, to: 2 }] },
    {
      name: "a run of consecutive ranks moves down together, lowest priority first",
      others: needs(2, 3, 4, 7),
      rank: 2,
      moves: [
        { id: "n4", from: 4, to: 5 },
        { id: "n3", from: 3, to: 4 },
        { id: "n2", from: 2, to: 3 },
      ],
    },
    { name: "a gap stops the run", others: needs(5, 6, 8), rank: 6, moves: [{ id: "n6", from: 6, to: 7 }] },
    { name: "no other needs", others: [], rank: 1, moves: [] },
    { name: "up to rank 98 can move to 99", others: needs(98), rank: 98, moves: [{ id: "n98", from: 98, to: 99 }] },
  ])("$name", ({ others, rank, moves }) => {
    expect(planRankShift(others, rank)).toEqual(moves);
  });

  it("refuses when the run would go past rank 99, naming the field", () => {
    try {
      planRankShift(needs(97, 98, 99), 97);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("rule_violation");
      expect(isAppError(e) && e.problems[0]?.field).toBe("priorityRank");
    }
  });

  it.each([
    ["need", "open", 1, true],
    ["need", "being_addressed", 2, true],
    ["need", "met", 1, false],
    ["need", "open", null, false],
    ["challenge", "open", 1, false],
  ] as const)("a %s that is %s with rank %s holds its rank: %s", (kind, status, rank, expected) => {
    expect(holdsRank(kind, status, rank)).toBe(expected);
  });
});
