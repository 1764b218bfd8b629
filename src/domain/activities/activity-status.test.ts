import { describe, expect, it } from "vitest";
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TRANSITIONS,
  type ActivityParty,
  type ActivityStatus,
  checkActivityTransition,
  nextActivitySteps,
} from "./activity-status.js";

// Every (from, to, party) triple, with and without a valid consent: exactly the listed moves pass.
const LEGAL: [ActivityStatus, ActivityStatus, ActivityParty, { consent: boolean; reason?: string }][] = [
  [1, 2, "provider", { consent: true }],
  [1, 5, "provider", { consent: false, reason: "the State chose another programme" }],
  [1, 5, "state", { consent: false, reason: "no longer a priority" }],
  [2, 3, "provider", { consent: false }],
  [2, 5, "provider", { consent: true, reason: "funding withdrawn" }],
  [2, 5, "state", { consent: true, reason: "no longer a priority" }],
  [2, 6, "provider", { consent: true, reason: "elections: activities paused" }],
  [2, 6, "system", { consent: false, reason: "consent revoked" }],
  [3, 4, "provider", { consent: false }],
  [3, 5, "provider", { consent: false, reason: "audit failed" }],
  [3, 6, "system", { consent: false, reason: "consent revoked" }],
  [6, 2, "provider", { consent: true }],
  [6, 5, "state", { consent: false, reason: "not resumed" }],
];

describe("activity status machine (IATI ActivityStatus)", () => {
  it.each(LEGAL)("%s → %s by %s is allowed", (from, to, party, c) => {
    expect(checkActivityTransition(from, to, { party, reason: c.reason, hasValidConsent: c.consent })).toEqual({ ok: true });
  });

  it("refuses every move the table does not list, with a reason", () => {
    const parties: ActivityParty[] = ["provider", "state", "system"];
    let refused = 0;
    for (const from of ACTIVITY_STATUSES)
      for (const to of ACTIVITY_STATUSES)
        for (const party of parties) {
          const listed = ACTIVITY_TRANSITIONS[from].some((t) => t.to === to && t.by.includes(party));
          const result = checkActivityTransition(from, to, { party, reason: "a reason", hasValidConsent: true });
          expect(result.ok, `${from} → ${to} by ${party}`).toBe(listed);
          if (!result.ok) {
            expect(result.reason.length).toBeGreaterThan(15);
            refused++;
          }
        }
    expect(refused).toBeGreaterThan(80);
  });

  it.each<[ActivityStatus, ActivityStatus, ActivityParty, boolean, string | null, string]>([
    [1, 2, "provider", false, null, "the State's consent is missing"],
    [6, 2, "provider", false, null, "the State's consent is missing"],
    [1, 5, "provider", true, " ", "a reason is required"],
    [2, 6, "provider", true, null, "a reason is required"],
    [1, 2, "state", true, null, "only the reporting provider"],
    [1, 3, "provider", true, null, "cannot become finalisation"],
    [4, 2, "provider", true, null, "is final"],
    [5, 1, "state", true, null, "is final"],
    [1, 6, "system", false, "consent revoked", "cannot become suspended"],
  ])("%s → %s by %s (consent %s): %s", (from, to, party, consent, reason, message) => {
    const result = checkActivityTransition(from, to, { party, reason, hasValidConsent: consent });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(message);
  });

  it("flags the consent gate so pages can explain the blocked button", () => {
    const result = checkActivityTransition(1, 2, { party: "provider", hasValidConsent: false });
    expect(result).toMatchObject({ ok: false, missingConsent: true });
    expect(nextActivitySteps(1, "provider").map((t) => [t.to, t.consentRequired === true])).toEqual([
      [2, true],
      [5, false],
    ]);
    expect(nextActivitySteps(2, "state").map((t) => t.to)).toEqual([5]);
  });
});
