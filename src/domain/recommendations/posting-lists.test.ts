import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { difference, intersect, selectTop, union, unionAll } from "./posting-lists.js";

// Each operation against the obvious Set version, over sorted lists of any sizes (galloping kicks in when one list
// is 16 times the other).
const sortedList = (max: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: max }).map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)));
const lists = fc.tuple(sortedList(40), sortedList(2000));

describe("posting lists", () => {
  it("intersect, union and difference agree with sets", () => {
    fc.assert(
      fc.property(lists, ([a, b]) => {
        const sa = new Set(a);
        const sb = new Set(b);
        expect(Array.from(intersect(a, b))).toEqual([...a].filter((x) => sb.has(x)));
        expect(Array.from(intersect(b, a))).toEqual([...a].filter((x) => sb.has(x)));
        expect(Array.from(union(a, b))).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
        expect(Array.from(difference(a, b))).toEqual([...a].filter((x) => !sb.has(x)));
        expect(Array.from(difference(b, a))).toEqual([...b].filter((x) => !sa.has(x)));
      }),
      { numRuns: 300 },
    );
  });

  it("unionAll merges many lists", () => {
    fc.assert(
      fc.property(fc.array(sortedList(200), { minLength: 1, maxLength: 6 }), (ls) => {
        expect(Array.from(unionAll(ls, 5001))).toEqual([...new Set(ls.flatMap((l) => [...l]))].sort((x, y) => x - y));
      }),
    );
  });

  it("selectTop returns the k best in order, whatever k", () => {
    fc.assert(
      fc.property(sortedList(500), fc.integer({ min: 0, max: 600 }), (rows, k) => {
        const score = (r: number) => (r * 7919) % 101; // many ties: broken by the smaller row
        const before = (a: number, b: number) => score(a) > score(b) || (score(a) === score(b) && a < b);
        const expected = [...rows].sort((a, b) => score(b) - score(a) || a - b).slice(0, k);
        expect(selectTop(rows, k, before)).toEqual(expected);
      }),
    );
  });
});
