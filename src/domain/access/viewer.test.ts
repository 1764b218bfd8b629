import { describe, expect, it } from "vitest";
import { canHoldRole, ORGANIZATION_TYPES, type OrganizationType, type Role, ROLES } from "./roles.js";
import { canSee, type Membership, type Protected, scopeOf, type Viewer } from "./viewer.js";

const ORG = {
  sen: "00000000-0000-4000-8000-000000000001",
  ohchr: "00000000-0000-4000-8000-000000000002",
  cso: "00000000-0000-4000-8000-000000000003",
  other: "00000000-0000-4000-8000-000000000004",
};

const viewer = (...memberships: Membership[]): Viewer => ({ userId: "u", displayName: "u", memberships });
const m = (role: Role, organizationId: string, organizationType: OrganizationType, countryIso3: string | null = null): Membership => ({
  role,
  organizationId,
  organizationType,
  countryIso3,
});

const VIEWERS: Record<string, Viewer> = {
  anonymous: { userId: null, displayName: null, memberships: [] },
  senegalFocalPoint: viewer(m("state_focal_point", ORG.sen, "government", "SEN")),
  senegalNmirf: viewer(m("nmirf", ORG.sen, "government", "SEN")),
  maliFocalPoint: viewer(m("state_focal_point", ORG.other, "government", "MLI")),
  ohchrOfficer: viewer(m("ohchr_officer", ORG.ohchr, "un_entity")),
  fundSecretariat: viewer(m("fund_secretariat", ORG.ohchr, "un_entity")),
  csoMember: viewer(m("cso", ORG.cso, "cso", "SEN")),
  admin: viewer(m("admin", ORG.ohchr, "un_entity")),
  donor: viewer(m("donor", ORG.other, "government", "NOR")),
};

// A Senegal record of each visibility, originated by the CSO.
const record = (visibility: Protected["visibility"]): Protected => ({ visibility, stateIso3: "SEN", originatorOrganizationId: ORG.cso });

// Expected: public, state_and_un, un_only, originator_only.
const EXPECTED: Record<keyof typeof VIEWERS, [boolean, boolean, boolean, boolean]> = {
  anonymous: [true, false, false, false],
  senegalFocalPoint: [true, true, false, false],
  senegalNmirf: [true, true, false, false],
  maliFocalPoint: [true, false, false, false],
  ohchrOfficer: [true, true, true, false],
  fundSecretariat: [true, true, true, false],
  csoMember: [true, true, true, true],
  // The administrator role manages accounts; it grants no reading (R31).
  admin: [true, false, false, false],
  donor: [true, false, false, false],
};

describe("canSee, role by role", () => {
  it.each(Object.entries(EXPECTED))("%s", (name, expected) => {
    const scope = scopeOf(VIEWERS[name] as Viewer);
    const seen = (["public", "state_and_un", "un_only", "originator_only"] as const).map((v) => canSee(scope, record(v)));
    expect(seen).toEqual(expected);
  });
});

describe("roles and organization types", () => {
  it.each([
    ["state_focal_point", "government", true],
    ["state_focal_point", "cso", false],
    ["state_focal_point", "un_entity", false],
    ["nmirf", "government", true],
    ["ohchr_officer", "un_entity", true],
    ["ohchr_officer", "ohchr_field_presence", true],
    ["ohchr_officer", "government", false],
    ["un_agency_officer", "un_country_team", true],
    ["nhri", "nhri", true],
    ["nhri", "government", false],
    ["cso", "cso", true],
    ["cso", "government", false],
    ["special_procedure", "special_procedure", true],
    ["donor", "government", true],
    ["donor", "nhri", false],
  ] as const)("%s in %s → %s", (role, type, allowed) => {
    expect(canHoldRole(role, type)).toBe(allowed);
  });

  it("lets every role be held somewhere and admin anywhere", () => {
    for (const role of ROLES) expect(ORGANIZATION_TYPES.some((t) => canHoldRole(role, t))).toBe(true);
    for (const t of ORGANIZATION_TYPES) expect(canHoldRole("admin", t)).toBe(true);
  });
});
