import { describe, expect, it } from "vitest";
import type { OrganizationType, Role } from "../src/domain/access/roles.js";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { canReviewTags, mayReviewAny, reviewScopeOf } from "../src/domain/tagging/tag-review-access.js";

// Who may review tags (issue 7), role by role: recommendation tags → OHCHR officers and administrators; request tags →
// the requesting State's focal point or NMIRF (who may edit the request) and OHCHR officers. Everyone else: no.

const ORG_TYPE: Record<Role, OrganizationType> = {
  state_focal_point: "government",
  nmirf: "government",
  ohchr_officer: "un_entity",
  un_agency_officer: "un_entity",
  fund_secretariat: "un_entity",
  board_member: "un_entity",
  donor: "donor",
  nhri: "nhri",
  cso: "cso",
  special_procedure: "special_procedure",
  cooperation_officer: "government",
  admin: "un_entity",
};

function viewerWith(role: Role, countryIso3: string | null = ORG_TYPE[role] === "government" || role === "nhri" ? "SVN" : null): Viewer {
  return {
    userId: "00000000-0000-4000-8000-000000000001",
    displayName: role,
    memberships: [{ organizationId: "00000000-0000-4000-8000-0000000000aa", organizationType: ORG_TYPE[role], countryIso3, role }],
  };
}

// [role, recommendation, request of Slovenia (the viewer's State), request of Senegal]
const TABLE: [Role, boolean, boolean, boolean][] = [
  ["state_focal_point", false, true, false],
  ["nmirf", false, true, false],
  ["ohchr_officer", true, true, true],
  ["un_agency_officer", false, false, false],
  ["fund_secretariat", false, false, false],
  ["board_member", false, false, false],
  ["donor", false, false, false],
  ["nhri", false, false, false],
  ["cso", false, false, false],
  ["special_procedure", false, false, false],
  ["cooperation_officer", false, false, false],
  ["admin", true, false, false],
];

describe("who may review tags", () => {
  it.each(TABLE)("%s: recommendation %s, own State's request %s, another State's request %s", (role, recommendation, ownRequest, otherRequest) => {
    const v = viewerWith(role);
    expect(canReviewTags(v, { kind: "recommendation" })).toBe(recommendation);
    expect(canReviewTags(v, { kind: "request", stateIso3: "SVN" })).toBe(ownRequest);
    expect(canReviewTags(v, { kind: "request", stateIso3: "SEN" })).toBe(otherRequest);
    expect(mayReviewAny(v)).toBe(recommendation || ownRequest || otherRequest);
  });

  it.each(TABLE)("%s: the review queue's scope says the same", (role, recommendation, ownRequest, otherRequest) => {
    const scope = reviewScopeOf(viewerWith(role));
    expect(scope.recommendations).toBe(recommendation);
    expect(scope.allRequests).toBe(otherRequest);
    expect(scope.requestStates).toEqual(ownRequest && !otherRequest ? ["SVN"] : []);
  });

  it("an anonymous viewer reviews nothing", () => {
    expect(canReviewTags(ANONYMOUS, { kind: "recommendation" })).toBe(false);
    expect(canReviewTags(ANONYMOUS, { kind: "request", stateIso3: "SVN" })).toBe(false);
    expect(reviewScopeOf(ANONYMOUS)).toEqual({ recommendations: false, allRequests: false, requestStates: [] });
    expect(mayReviewAny(ANONYMOUS)).toBe(false);
  });

  it("a State role held in a non-government body does not make its holder the requesting State", () => {
    const v: Viewer = {
      ...viewerWith("state_focal_point"),
      memberships: [{ organizationId: "x", organizationType: "cso", countryIso3: "SVN", role: "state_focal_point" }],
    };
    expect(canReviewTags(v, { kind: "request", stateIso3: "SVN" })).toBe(false);
  });

  it("memberships add up: a focal point of two States reviews the requests of both", () => {
    const v: Viewer = {
      ...viewerWith("state_focal_point"),
      memberships: [
        { organizationId: "a", organizationType: "government", countryIso3: "SVN", role: "state_focal_point" },
        { organizationId: "b", organizationType: "government", countryIso3: "HRV", role: "nmirf" },
      ],
    };
    expect(reviewScopeOf(v).requestStates).toEqual(["HRV", "SVN"]);
    expect(canReviewTags(v, { kind: "request", stateIso3: "HRV" })).toBe(true);
  });
});
