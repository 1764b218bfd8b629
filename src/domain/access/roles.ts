import { z } from "zod";

// Organization types of REQUIREMENTS §4.9. A State's own institutions (ministries, permanent missions,
// NMIRF secretariats) are "government" organizations attached to that State's country record.
export const ORGANIZATION_TYPES = [
  "government",
  "un_entity",
  "un_country_team",
  "ohchr_field_presence",
  "regional_organization",
  "nhri",
  "cso",
  "special_procedure",
  "treaty_body",
  "donor",
  "academic",
  "private_sector",
] as const;
export const OrganizationTypeSchema = z.enum(ORGANIZATION_TYPES);
export type OrganizationType = z.infer<typeof OrganizationTypeSchema>;

// Roles of R35, held through a membership in an organization.
export const ROLES = [
  "state_focal_point",
  "nmirf",
  "ohchr_officer",
  "un_agency_officer",
  "fund_secretariat",
  "board_member",
  "donor",
  "nhri",
  "cso",
  "special_procedure",
  "cooperation_officer",
  "admin",
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

// Which organization a role can be held in. A State focal point speaks for a State, so only a government
// body can hold that role; an NHRI or CSO role cannot sit in a government body (independence, R31).
export const ROLE_ORGANIZATION_TYPES: Record<Role, readonly OrganizationType[]> = {
  state_focal_point: ["government"],
  nmirf: ["government"],
  ohchr_officer: ["un_entity", "ohchr_field_presence"],
  un_agency_officer: ["un_entity", "un_country_team"],
  fund_secretariat: ["un_entity"],
  board_member: ["un_entity"],
  donor: ["government", "donor", "private_sector", "regional_organization"],
  nhri: ["nhri"],
  cso: ["cso", "academic"],
  special_procedure: ["special_procedure"],
  // Staff of a State's cooperation agency or of a regional organization who offer assistance (R6, R29).
  cooperation_officer: ["government", "regional_organization"],
  admin: ORGANIZATION_TYPES,
};

export function canHoldRole(role: Role, organizationType: OrganizationType): boolean {
  return ROLE_ORGANIZATION_TYPES[role].includes(organizationType);
}

/** Roles that act for a State: they see what is shared with "the State concerned". */
export const STATE_ROLES: readonly Role[] = ["state_focal_point", "nmirf"];
/** Roles of UN staff providing assistance: they see what is shared with "UN providers". */
export const UN_ROLES: readonly Role[] = ["ohchr_officer", "un_agency_officer", "fund_secretariat"];

/** Organization types that can provide assistance (R6): UN entities, States (bilateral, South-South, triangular),
 * regional organizations. */
export const PROVIDER_ORGANIZATION_TYPES: readonly OrganizationType[] = [
  "un_entity",
  "un_country_team",
  "ohchr_field_presence",
  "government",
  "regional_organization",
];
/** Roles that act for a provider organization: make offers, answer requests, report activities. */
export const PROVIDER_ROLES: readonly Role[] = ["ohchr_officer", "un_agency_officer", "state_focal_point", "cooperation_officer"];
