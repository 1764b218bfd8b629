import type { Membership, Viewer } from "../access/viewer.js";
import { requestingMemberships, stateMembershipsFor } from "../requests/request-rules.js";

// Who may review tags (issue 7: "a reviewer accepts or rejects"). Suggestions are a model's guesses: until someone
// entitled decides, they are never shown as official, and only reviewers see them at all.
//
//  - recommendation tags: OHCHR officers (OHCHR keeps the Universal Human Rights Index and its thematic lists) and
//    administrators (who run the platform's reference data);
//  - assistance request tags: those who may edit the request (the requesting State's focal point or national
//    mechanism, as for the request itself) and OHCHR officers (who receive and triage requests, res. 45/32 OP8).
// The store's review queue applies the same rule in SQL (tag-store.ts reviewQueueScope).

export type TagSubjectKind = "recommendation" | "request";

/** The facts the rule needs: for a request, the State that made it. */
export type TagSubjectFacts = { kind: "recommendation" } | { kind: "request"; stateIso3: string };

const isOhchrOfficer = (m: Membership) => m.role === "ohchr_officer";
const isAdmin = (m: Membership) => m.role === "admin";

export function canReviewTags(viewer: Viewer, subject: TagSubjectFacts): boolean {
  if (!viewer.userId) return false;
  if (viewer.memberships.some(isOhchrOfficer)) return true;
  if (subject.kind === "recommendation") return viewer.memberships.some(isAdmin);
  return stateMembershipsFor(viewer, subject.stateIso3).length > 0;
}

/** What the review queue may list for this viewer: every recommendation, and requests of which States. */
export type ReviewScope = { recommendations: boolean; allRequests: boolean; requestStates: string[] };

export function reviewScopeOf(viewer: Viewer): ReviewScope {
  if (!viewer.userId) return { recommendations: false, allRequests: false, requestStates: [] };
  const ohchr = viewer.memberships.some(isOhchrOfficer);
  const states = [...new Set(requestingMemberships(viewer).map((m) => m.countryIso3))].sort();
  return { recommendations: ohchr || viewer.memberships.some(isAdmin), allRequests: ohchr, requestStates: ohchr ? [] : states };
}

/** A reviewer of some kind: the queue page is offered. */
export function mayReviewAny(viewer: Viewer): boolean {
  const s = reviewScopeOf(viewer);
  return s.recommendations || s.allRequests || s.requestStates.length > 0;
}
