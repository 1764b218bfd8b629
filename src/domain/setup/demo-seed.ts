import type { Db } from "../../store/db.js";
import { findOrganizationBySlug } from "../../store/organization-store.js";
import { findUserByEmail } from "../../store/user-store.js";
import type { Role } from "../access/roles.js";
import type { NewOrganization } from "../accounts/account-schemas.js";
import { createOrganization, createUser } from "../accounts/account-service.js";
import type { Actor } from "../audit/audit-service.js";

// Demo data for a first start: real institutions as organizations, fictional people as accounts (every demo
// record carries is_demo and the pages label it). One shared password, printed in the README: demo only.
export const DEMO_PASSWORD = "passerelle-demo";
const DEMO_ACTOR: Actor = { userId: null, label: "demo-seed" };

export const DEMO_ORGANIZATIONS: NewOrganization[] = [
  {
    slug: "ohchr",
    name: "Office of the United Nations High Commissioner for Human Rights",
    acronym: "OHCHR",
    type: "un_entity",
    iatiRef: "XM-DAC-41313",
    website: "https://www.ohchr.org",
  },
  {
    slug: "unesco",
    name: "United Nations Educational, Scientific and Cultural Organization",
    acronym: "UNESCO",
    type: "un_entity",
    iatiRef: "XM-DAC-41304",
    website: "https://www.unesco.org",
  },
  { slug: "unicef", name: "United Nations Children's Fund", acronym: "UNICEF", type: "un_entity", iatiRef: "XM-DAC-41122", website: "https://www.unicef.org" },
  { slug: "undp", name: "United Nations Development Programme", acronym: "UNDP", type: "un_entity", iatiRef: "XM-DAC-41114", website: "https://www.undp.org" },
  {
    slug: "vftc-board",
    name: "Board of Trustees of the Voluntary Fund for Technical Cooperation in the Field of Human Rights",
    acronym: "VFTC Board",
    type: "un_entity",
  },
  { slug: "sen-ministry-justice", name: "Ministère de la Justice du Sénégal", type: "government", countryIso3: "SEN" },
  { slug: "sen-nmirf", name: "Comité interministériel de suivi des recommandations (Sénégal)", type: "government", countryIso3: "SEN" },
  { slug: "sen-nhri", name: "Comité sénégalais des droits de l'homme", acronym: "CSDH", type: "nhri", countryIso3: "SEN" },
  { slug: "demo-cso-education", name: "Coalition for the Right to Education (fictional)", type: "cso", countryIso3: "SEN" },
  // A CSO that asked not to be listed publicly (reprisal risk, R31): only UN staff and its own members see it.
  { slug: "demo-cso-defenders", name: "Defenders' Network (fictional, unlisted)", type: "cso", countryIso3: "SEN", visibility: "un_only" },
  { slug: "sr-education", name: "Special Rapporteur on the right to education", type: "special_procedure" },
  { slug: "nor-mfa", name: "Norwegian Ministry of Foreign Affairs", type: "government", countryIso3: "NOR" },
  // A State's cooperation agency as a South-South provider (R6).
  { slug: "mar-amci", name: "Agence Marocaine de Coopération Internationale", acronym: "AMCI", type: "government", countryIso3: "MAR" },
];

export const DEMO_ACCOUNTS: { email: string; displayName: string; language: "en" | "fr"; memberships: { organizationSlug: string; role: Role }[] }[] = [
  { email: "admin@demo.passerelle.example", displayName: "Alex Admin (demo)", language: "en", memberships: [{ organizationSlug: "ohchr", role: "admin" }] },
  {
    email: "focal.senegal@demo.passerelle.example",
    displayName: "Awa Diop (demo)",
    language: "fr",
    memberships: [{ organizationSlug: "sen-ministry-justice", role: "state_focal_point" }],
  },
  {
    email: "nmirf.senegal@demo.passerelle.example",
    displayName: "Moussa Ndiaye (demo)",
    language: "fr",
    memberships: [{ organizationSlug: "sen-nmirf", role: "nmirf" }],
  },
  {
    email: "officer.ohchr@demo.passerelle.example",
    displayName: "Claire Martin (demo)",
    language: "en",
    memberships: [{ organizationSlug: "ohchr", role: "ohchr_officer" }],
  },
  {
    email: "officer.unesco@demo.passerelle.example",
    displayName: "Kenji Sato (demo)",
    language: "en",
    memberships: [{ organizationSlug: "unesco", role: "un_agency_officer" }],
  },
  {
    email: "officer.unicef@demo.passerelle.example",
    displayName: "Amina Bello (demo)",
    language: "en",
    memberships: [{ organizationSlug: "unicef", role: "un_agency_officer" }],
  },
  {
    email: "cooperation.morocco@demo.passerelle.example",
    displayName: "Youssef Alami (demo)",
    language: "fr",
    memberships: [{ organizationSlug: "mar-amci", role: "cooperation_officer" }],
  },
  {
    email: "fund.secretariat@demo.passerelle.example",
    displayName: "Nadia Haddad (demo)",
    language: "en",
    memberships: [{ organizationSlug: "ohchr", role: "fund_secretariat" }],
  },
  {
    email: "board.member@demo.passerelle.example",
    displayName: "Grace Mensah (demo)",
    language: "en",
    memberships: [{ organizationSlug: "vftc-board", role: "board_member" }],
  },
  {
    email: "donor.norway@demo.passerelle.example",
    displayName: "Ingrid Larsen (demo)",
    language: "en",
    memberships: [{ organizationSlug: "nor-mfa", role: "donor" }],
  },
  {
    email: "nhri.senegal@demo.passerelle.example",
    displayName: "Fatou Sarr (demo)",
    language: "fr",
    memberships: [{ organizationSlug: "sen-nhri", role: "nhri" }],
  },
  {
    email: "cso.senegal@demo.passerelle.example",
    displayName: "Ibrahima Fall (demo)",
    language: "fr",
    memberships: [{ organizationSlug: "demo-cso-education", role: "cso" }],
  },
  {
    email: "defender.senegal@demo.passerelle.example",
    displayName: "Anonymous defender (demo)",
    language: "fr",
    memberships: [{ organizationSlug: "demo-cso-defenders", role: "cso" }],
  },
  {
    email: "rapporteur@demo.passerelle.example",
    displayName: "Special Rapporteur support (demo)",
    language: "en",
    memberships: [{ organizationSlug: "sr-education", role: "special_procedure" }],
  },
];

export type DemoSeedReport = { status: "seeded" | "unchanged"; organizations: number; users: number };

export async function seedDemoData(db: Db, options: { onProgress?: (step: string) => void } = {}): Promise<DemoSeedReport> {
  // Item by item, so a demo database seeded by an older version gains the organizations and accounts added since.
  let organizations = 0;
  let users = 0;
  for (const org of DEMO_ORGANIZATIONS) {
    if (await findOrganizationBySlug(db, org.slug)) continue;
    if (organizations === 0) options.onProgress?.("creating demo organizations and accounts");
    await createOrganization(db, DEMO_ACTOR, { ...org, isDemo: true });
    organizations++;
  }
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByEmail(db, account.email)) continue;
    await createUser(
      db,
      DEMO_ACTOR,
      { email: account.email, displayName: account.displayName, password: DEMO_PASSWORD, preferredLanguage: account.language, isDemo: true },
      account.memberships,
    );
    users++;
  }
  return { status: organizations + users > 0 ? "seeded" : "unchanged", organizations, users };
}
