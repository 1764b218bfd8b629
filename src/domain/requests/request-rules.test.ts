import { describe, expect, it } from "vitest";
import type { Membership, Viewer } from "../access/viewer.js";
import {
  acknowledgementTarget,
  availableActions,
  countWorkingDays,
  formatRequestReference,
  isAcknowledgementOverdue,
  percentile,
  REQUEST_REFERENCE_PATTERN,
} from "./request-rules.js";
import { summarizeResponseTimes } from "./response-times.js";

const viewer = (...memberships: Membership[]): Viewer => ({ userId: "u", displayName: "u", memberships });
const SEN_FOCAL: Membership = { organizationId: "sen-gov", organizationType: "government", countryIso3: "SEN", role: "state_focal_point" };
const OHCHR: Membership = { organizationId: "ohchr", organizationType: "un_entity", countryIso3: null, role: "ohchr_officer" };
const CSO: Membership = { organizationId: "cso", organizationType: "cso", countryIso3: "SEN", role: "cso" };

describe("request references", () => {
  it.each([
    ["SEN", 2026, 7, "TA-SEN-2026-0007"],
    ["MLI", 2025, 1234, "TA-MLI-2025-1234"],
    ["FRA", 2030, 12345, "TA-FRA-2030-12345"],
  ])("%s %s #%s → %s", (iso3, year, n, expected) => {
    expect(formatRequestReference(iso3, year, n)).toBe(expected);
    expect(REQUEST_REFERENCE_PATTERN.test(expected)).toBe(true);
  });
});

describe("working days and acknowledgement targets", () => {
  // 2026-03-02 is a Monday.
  it.each([
    ["2026-03-02T09:00:00Z", "2026-03-02T18:00:00Z", 0],
    ["2026-03-02T09:00:00Z", "2026-03-06T09:00:00Z", 4],
    ["2026-03-06T09:00:00Z", "2026-03-09T09:00:00Z", 1], // Friday → Monday
    ["2026-03-02T09:00:00Z", "2026-03-16T09:00:00Z", 10],
    ["2026-03-07T09:00:00Z", "2026-03-08T09:00:00Z", 0], // a weekend
    ["2026-03-10T09:00:00Z", "2026-03-02T09:00:00Z", 0],
  ])("%s → %s: %i working days", (from, to, expected) => {
    expect(countWorkingDays(new Date(from), new Date(to))).toBe(expected);
  });

  it("is overdue after 10 working days, 5 for COVID-19 related requests (R7 fast track)", () => {
    const submittedAt = new Date("2026-03-02T09:00:00Z");
    const at = (d: string) => new Date(`${d}T12:00:00Z`);
    expect(acknowledgementTarget(false)).toBe(10);
    expect(acknowledgementTarget(true)).toBe(5);
    expect(isAcknowledgementOverdue({ status: "submitted", submittedAt, covidContext: false }, at("2026-03-16"))).toBe(false);
    expect(isAcknowledgementOverdue({ status: "submitted", submittedAt, covidContext: false }, at("2026-03-17"))).toBe(true);
    expect(isAcknowledgementOverdue({ status: "submitted", submittedAt, covidContext: true }, at("2026-03-09"))).toBe(false);
    expect(isAcknowledgementOverdue({ status: "submitted", submittedAt, covidContext: true }, at("2026-03-10"))).toBe(true);
    // Once acknowledged, the acknowledgement target no longer applies.
    expect(isAcknowledgementOverdue({ status: "acknowledged", submittedAt, covidContext: false }, at("2026-06-01"))).toBe(false);
  });
});

describe("percentiles", () => {
  it.each([
    [[], 0.5, null],
    [[4], 0.9, 4],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10, 1, 3], 0.5, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
  ])("%j p%s = %s", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe("available actions", () => {
  const r = (status: "draft" | "submitted" | "acknowledged" | "offer_made" | "declined") => ({ status, stateIso3: "SEN", providerIds: ["ohchr"] });
  it.each([
    ["State focal point, draft", viewer(SEN_FOCAL), r("draft"), ["submitted", "withdrawn"]],
    ["State focal point, submitted", viewer(SEN_FOCAL), r("submitted"), ["withdrawn"]],
    ["addressed provider, submitted", viewer(OHCHR), r("submitted"), ["acknowledged", "referred", "declined"]],
    ["addressed provider, acknowledged", viewer(OHCHR), r("acknowledged"), ["under_assessment", "referred", "declined"]],
    // agreeing to an offer is recorded by the offers workflow, not from here
    ["State focal point, offer made", viewer(SEN_FOCAL), r("offer_made"), ["withdrawn"]],
    ["anyone, declined", viewer(SEN_FOCAL, OHCHR), r("declined"), []],
    ["a CSO", viewer(CSO), r("submitted"), []],
    ["a focal point of another State", viewer({ ...SEN_FOCAL, countryIso3: "MLI" }), r("submitted"), []],
  ])("%s", (_name, v, request, expected) => {
    expect(availableActions(v, request).map((a) => a.to)).toEqual(expected);
  });

  it("says which steps need a reason", () => {
    const actions = availableActions(viewer(OHCHR), r("submitted"));
    expect(Object.fromEntries(actions.map((a) => [a.to, a.reasonRequired]))).toEqual({ acknowledged: false, referred: true, declined: true });
  });
});

describe("response-time figures", () => {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
  const row = (org: string, requestId: string, ack: number | null, offer: number | null, extra: { declined?: boolean; referred?: boolean } = {}) => ({
    organizationId: org,
    name: org.toUpperCase(),
    acronym: null,
    requestId,
    submittedAt: day(0),
    acknowledgedAt: ack === null ? null : day(ack),
    firstOfferAt: offer === null ? null : day(offer),
    declined: extra.declined ?? false,
    referred: extra.referred ?? false,
  });

  it("computes counts, median and 90th percentile per provider, and withholds small cells", () => {
    const figures = summarizeResponseTimes([
      row("ohchr", "a", 2, 10),
      row("ohchr", "b", 4, null),
      row("ohchr", "c", 6, 20),
      row("ohchr", "d", null, null, { declined: true }),
      row("unesco", "a", null, null),
      row("unesco", "e", null, null, { referred: true }),
    ]);
    expect(figures.find((f) => f.organizationId === "ohchr")).toEqual({
      organizationId: "ohchr",
      name: "OHCHR",
      acronym: null,
      addressed: 4,
      acknowledged: 3,
      medianDaysToAcknowledge: 4,
      p90DaysToAcknowledge: 5.6,
      offered: 2,
      medianDaysToOffer: 15,
      p90DaysToOffer: 19,
      declinedShare: 0.25,
      referredShare: 0,
      suppressed: false,
    });
    expect(figures.find((f) => f.organizationId === "unesco")).toMatchObject({
      addressed: 2,
      acknowledged: null,
      medianDaysToAcknowledge: null,
      declinedShare: null,
      referredShare: null,
      suppressed: true,
    });
  });
});
