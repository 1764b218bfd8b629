import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentFormat, fromCents, isAtMostOneYear, sectorPercentages, splitBudget, toCents } from "./iati-activity-parts.js";

// Budget periods (Rulesets 7.5.3) and sector percentages (2.1.2): whatever the dates and amounts, the parts add up
// exactly and no period is longer than a year.

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

describe("budget periods", () => {
  it("a 2.5-year budget: periods from the start's anniversaries, 365 + 365 + 184 days of 914, remainder last", () => {
    expect(splitBudget("250000.00", "2024-07-01", "2026-12-31")).toEqual([
      { start: "2024-07-01", end: "2025-06-30", amount: "99835.88" },
      { start: "2025-07-01", end: "2026-06-30", amount: "99835.88" },
      { start: "2026-07-01", end: "2026-12-31", amount: "50328.24" },
    ]);
  });

  it("29 February rolls to 1 March; a one-day activity is one period; an end before the start gives none", () => {
    expect(splitBudget("10", "2024-02-29", "2025-03-05").map((p) => [p.start, p.end])).toEqual([
      ["2024-02-29", "2025-02-28"],
      ["2025-03-01", "2025-03-05"],
    ]);
    expect(splitBudget("0.01", "2026-01-01", "2026-01-01")).toEqual([{ start: "2026-01-01", end: "2026-01-01", amount: "0.01" }]);
    expect(splitBudget("100", "2026-01-02", "2026-01-01")).toEqual([]);
  });

  it("always sums to the amount exactly, in contiguous periods of at most 366 days", () => {
    const start = fc.integer({ min: Date.UTC(1995, 0, 1) / DAY, max: Date.UTC(2045, 0, 1) / DAY }).map((d) => iso(d * DAY));
    const cents = fc.bigInt({ min: 0n, max: 10n ** 16n - 1n });
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 4000 }), cents, (from, length, total) => {
        const to = iso(Date.parse(`${from}T00:00:00Z`) + length * DAY);
        const periods = splitBudget(fromCents(total), from, to);
        expect(periods.reduce((sum, p) => sum + toCents(p.amount), 0n)).toBe(total);
        expect(periods[0]?.start).toBe(from);
        expect(periods.at(-1)?.end).toBe(to);
        periods.forEach((p, i) => {
          expect(daysBetween(p.start, p.end) + 1).toBeLessThanOrEqual(366);
          expect(isAtMostOneYear(p.start, p.end)).toBe(true);
          expect(p.end >= p.start).toBe(true);
          expect(toCents(p.amount) >= 0n).toBe(true);
          if (i > 0) expect(daysBetween(periods[i - 1]!.end, p.start)).toBe(1);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("amounts are read and written as cents without floats", () => {
    expect(toCents("9999999999999999.99")).toBe(999999999999999999n);
    expect(fromCents(999999999999999999n)).toBe("9999999999999999.99");
    expect(toCents("12.5")).toBe(1250n);
    expect(() => toCents("1.005")).toThrow();
    expect(() => toCents("-1")).toThrow();
  });
});

describe("sector percentages", () => {
  it.each([
    [1, ["100"]],
    [2, ["50", "50"]],
    [3, ["33.33", "33.33", "33.34"]],
    [7, ["14.28", "14.28", "14.28", "14.28", "14.28", "14.28", "14.32"]],
    [8, ["12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5"]],
  ])("%i sectors → %j", (n, expected) => {
    expect(sectorPercentages(n)).toEqual(expected);
  });

  it("always sum to exactly 100 with at most two decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
        const ps = sectorPercentages(n);
        expect(ps).toHaveLength(n);
        expect(ps.every((p) => /^\d+(\.\d{1,2})?$/.test(p))).toBe(true);
        expect(ps.reduce((sum, p) => sum + toCents(p), 0n)).toBe(10_000n);
      }),
    );
  });
});

describe("document formats", () => {
  it.each([
    ["https://example.org/report.PDF", "application/pdf"],
    ["https://example.org/a/b.docx?download=1", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["https://example.org/b.doc#p2", "application/msword"],
    ["https://example.org/t.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["https://example.org/t.xls", "application/vnd.ms-excel"],
    ["https://example.org/page", "text/html"],
    ["https://example.org/pdf", "text/html"],
    ["not a url.pdf", "text/html"],
  ])("%s → %s", (url, format) => {
    expect(documentFormat(url)).toBe(format);
  });
});
