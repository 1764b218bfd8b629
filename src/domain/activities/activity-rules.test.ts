import { describe, expect, it } from "vitest";
import { suggestDacSectors } from "./activity-codes.js";
import { type ConsentFacts, consentBadge, isConsentValidOn } from "./consent-rules.js";
import { actualValue, currentValues, indicatorProgress, periodRows, type ValueFacts } from "./results-rules.js";
import { earliestTransactionDate } from "./transaction-service.js";

const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({ id: "c1", grantedOn: "2026-03-01", expiresOn: null, revokedAt: null, ...over });

describe("consent validity (R3)", () => {
  it.each<[string, Partial<ConsentFacts>, string, boolean]>([
    ["granted that day", {}, "2026-03-01", true],
    ["granted before", {}, "2027-01-01", true],
    ["not yet granted", {}, "2026-02-28", false],
    ["expiry day still counts", { expiresOn: "2026-12-31" }, "2026-12-31", true],
    ["expired", { expiresOn: "2026-12-31" }, "2027-01-01", false],
    ["revoked", { revokedAt: new Date("2026-05-01T10:00:00Z") }, "2026-04-01", false],
  ])("%s", (_name, over, date, valid) => {
    expect(isConsentValidOn(consent(over), date)).toBe(valid);
  });

  it("badges: valid with its date, revoked, expired, none", () => {
    expect(consentBadge([], "2026-06-01")).toEqual({ kind: "none", date: null, expiresOn: null });
    expect(consentBadge([consent({ expiresOn: "2026-12-31" })], "2026-06-01")).toEqual({ kind: "valid", date: "2026-03-01", expiresOn: "2026-12-31" });
    expect(consentBadge([consent({ revokedAt: new Date("2026-05-02T08:00:00Z") })], "2026-06-01")).toEqual({
      kind: "revoked",
      date: "2026-05-02",
      expiresOn: null,
    });
    expect(consentBadge([consent({ expiresOn: "2026-04-30" })], "2026-06-01")).toMatchObject({ kind: "expired", date: "2026-04-30" });
    // A renewed consent outranks the revoked one.
    const both = [consent({ revokedAt: new Date("2026-05-02T08:00:00Z") }), consent({ id: "c2", grantedOn: "2026-05-10" })];
    expect(consentBadge(both, "2026-06-01")).toMatchObject({ kind: "valid", date: "2026-05-10" });
  });
});

const value = (over: Partial<ValueFacts>): ValueFacts => ({
  id: "v",
  periodStart: "2026-01-01",
  periodEnd: "2026-06-30",
  value: "10",
  sex: "total",
  ageBand: "total",
  disability: "total",
  location: "total",
  createdAt: new Date("2026-07-01T00:00:00Z"),
  ...over,
});

describe("indicator values (R5, R27)", () => {
  it("a later value for the same cell corrects the earlier one", () => {
    const values = [
      value({ id: "a", value: "40" }),
      value({ id: "b", value: "42", createdAt: new Date("2026-07-02T00:00:00Z") }),
      value({ id: "c", sex: "female", value: "25" }),
      value({ id: "d", periodStart: "2026-07-01", periodEnd: "2026-12-31", value: "55" }),
    ];
    const current = currentValues(values);
    expect(current.map((v) => v.id).sort()).toEqual(["b", "c", "d"]);
    expect(actualValue(current)?.value).toBe("55");
    const rows = periodRows(current);
    expect(rows.map((r) => [r.periodStart, r.total, r.female, r.male])).toEqual([
      ["2026-01-01", "42", "25", null],
      ["2026-07-01", "55", null, null],
    ]);
  });

  it.each<[string | null, string | null, string | null, number | null]>([
    ["20", "80", "50", 50],
    ["20", "80", "100", 100],
    ["20", "80", "10", 0],
    ["30", "10", "20", 50], // descending: lower is better
    ["20", "20", "20", null],
    [null, "80", "50", null],
    ["20", "80", null, null],
  ])("progress from %s to %s at %s is %s%", (baseline, target, actual, pct) => {
    expect(indicatorProgress(baseline, target, actual)).toBe(pct);
  });
});

describe("small rules", () => {
  it("suggests DAC sectors from themes, never forces them", () => {
    expect(suggestDacSectors([])).toEqual([]);
    expect(suggestDacSectors(["D5"])).toEqual(["15160"]);
    expect(suggestDacSectors(["E5", "F3"])).toEqual(["15160", "11110"]);
  });

  it("dates transactions no earlier than two years before the start", () => {
    expect(earliestTransactionDate("2026-03-15")).toBe("2024-03-15");
    expect(earliestTransactionDate(null)).toBeNull();
  });
});
