import { describe, expect, it } from "vitest";
import { checkRequestTransition, REQUEST_STATUSES, REQUEST_TRANSITIONS, type RequestParty, type RequestStatus } from "./request-status.js";

// Every (from, to, party) triple: exactly the listed transitions pass; everything else is refused with a reason.
const LEGAL: [RequestStatus, RequestStatus, RequestParty, string?][] = [
  ["draft", "submitted", "state"],
  ["draft", "withdrawn", "state", "no longer needed"],
  ["submitted", "acknowledged", "provider"],
  ["submitted", "referred", "provider", "UNICEF leads on this"],
  ["submitted", "declined", "provider", "outside our mandate"],
  ["submitted", "withdrawn", "state", "covered by another programme"],
  ["acknowledged", "under_assessment", "provider"],
  ["acknowledged", "offer_made", "system"],
  ["under_assessment", "offer_made", "system"],
  ["offer_made", "agreed", "state"],
  ["offer_made", "under_assessment", "system"],
  ["agreed", "converted_to_activity", "system"],
  ["referred", "acknowledged", "provider"],
  ["referred", "declined", "provider", "not for us either"],
  ["referred", "withdrawn", "state", "no longer needed"],
];

describe("assistance request status machine", () => {
  it.each(LEGAL)("%s → %s by %s is allowed", (from, to, party, reason) => {
    expect(checkRequestTransition(from, to, party, reason)).toEqual({ ok: true });
  });

  it("refuses every other move, with a reason", () => {
    const parties: RequestParty[] = ["state", "provider", "system"];
    let refused = 0;
    for (const from of REQUEST_STATUSES)
      for (const to of REQUEST_STATUSES)
        for (const party of parties) {
          const step = REQUEST_TRANSITIONS[from].find((t) => t.to === to && t.by === party);
          const result = checkRequestTransition(from, to, party, "a reason");
          expect(result.ok, `${from} → ${to} by ${party}`).toBe(step !== undefined);
          if (!result.ok) {
            expect(result.reason.length).toBeGreaterThan(10);
            refused++;
          }
        }
    expect(refused).toBeGreaterThan(250);
  });

  it.each<[RequestStatus, RequestStatus, RequestParty, string]>([
    ["submitted", "declined", "provider", "a reason is required"],
    ["submitted", "referred", "provider", "a reason is required"],
    ["draft", "withdrawn", "state", "a reason is required"],
    ["submitted", "acknowledged", "state", "only a provider"],
    ["draft", "agreed", "state", "cannot become agreed"],
    ["declined", "submitted", "state", "is closed"],
    ["offer_made", "agreed", "provider", "only the requesting State"],
  ])("%s → %s by %s: %s", (from, to, party, message) => {
    const result = checkRequestTransition(from, to, party, "  ");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(message);
  });
});
