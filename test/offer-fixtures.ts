import type { Visibility } from "../src/domain/access/viewer.js";
import type { NewOffer } from "../src/domain/offers/offer-schemas.js";
import type { Db } from "../src/store/db.js";
import { makeUserWithRole } from "./factories.js";

// Fixtures for offers, matching and pairings: the cast of a cooperation story (a requesting State, UN providers, a
// South-South provider, bystanders) and assistance requests inserted directly, so these tests do not depend on the
// request forms.

export type Cast = Awaited<ReturnType<typeof makeCast>>;

export async function makeCast(db: Db) {
  return {
    senegal: await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" }),
    mali: await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "MLI" }),
    ohchr: await makeUserWithRole(db, "ohchr_officer", { type: "un_entity" }),
    unesco: await makeUserWithRole(db, "un_agency_officer", { type: "un_entity" }),
    /** A State's cooperation agency: a South-South provider (res. 45/32 OP3). */
    brazil: await makeUserWithRole(db, "cooperation_officer", { type: "government", countryIso3: "BRA" }),
    cso: await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "SEN" }),
  };
}

export type RequestFixture = {
  stateIso3: string;
  organizationId: string;
  status?: string;
  title?: string;
  providers?: string[];
  themes?: string[];
  sdgTargets?: string[];
  modalities?: string[];
  continuityNeeds?: string[];
  iscedLevels?: string[];
  workingLanguages?: string[];
  timeframeStart?: string | null;
  timeframeEnd?: string | null;
  visibility?: Visibility;
};

let counter = 0;

/** An assistance request as the requests area would have stored it, addressed to `providers`. */
export async function insertRequest(db: Db, r: RequestFixture): Promise<string> {
  const status = r.status ?? "submitted";
  counter += 1;
  const row = await db
    .insertInto("assistance_requests")
    .values({
      reference: status === "draft" ? null : `TA-${r.stateIso3}-2027-${String(counter).padStart(4, "0")}-${Date.now().toString(36)}`,
      state_iso3: r.stateIso3,
      organization_id: r.organizationId,
      status,
      title: r.title ?? "Teacher training for distance learning",
      themes: r.themes ?? ["E5"],
      sdg_targets: r.sdgTargets ?? ["4.c"],
      modalities: r.modalities ?? ["training"],
      continuity_needs: r.continuityNeeds ?? [],
      isced_levels: r.iscedLevels ?? [],
      working_languages: r.workingLanguages ?? ["fr"],
      timeframe_start: r.timeframeStart === undefined ? "2027-03-01" : r.timeframeStart,
      timeframe_end: r.timeframeEnd === undefined ? "2027-12-31" : r.timeframeEnd,
      visibility: r.visibility ?? "state_and_un",
      submitted_at: status === "draft" ? null : new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const organizationId of r.providers ?? []) {
    await db.insertInto("assistance_request_providers").values({ request_id: row.id, organization_id: organizationId }).execute();
  }
  return row.id;
}

export async function requestStatus(db: Db, id: string): Promise<string> {
  return (await db.selectFrom("assistance_requests").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

export async function requestEvents(db: Db, id: string): Promise<{ from: string | null; to: string; reason: string | null }[]> {
  const rows = await db
    .selectFrom("assistance_request_events")
    .select(["from_status", "to_status", "reason"])
    .where("request_id", "=", id)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ from: r.from_status, to: r.to_status, reason: r.reason }));
}

export async function offerStatus(db: Db, id: string): Promise<{ status: string; reason: string | null; version: number }> {
  const r = await db.selectFrom("offers").select(["status", "status_reason", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { status: r.status, reason: r.status_reason, version: r.version };
}

export async function auditCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function auditActions(db: Db, entityId: string): Promise<string[]> {
  const rows = await db.selectFrom("audit_events").select("action").where("entity_id", "=", entityId).orderBy("seq").execute();
  return rows.map((r) => r.action);
}

/** A complete offer input, for a provider membership; override what a test is about. */
export function offerInput(organizationId: string, overrides: Record<string, unknown> = {}): NewOffer {
  const input = {
    organizationId,
    title: "Training of trainers for distance teaching",
    description: "Three regional workshops and a follow-up mentoring programme for teacher trainers.",
    themes: ["E5", "A5"],
    sdgTargets: ["4.c"],
    modalities: ["training", "advisory_services"],
    cooperationType: "multilateral" as const,
    languages: ["fr", "en"],
    regions: ["202"],
    availableFrom: "2027-01-01",
    availableTo: "2027-12-31",
    budgetAmount: "45000",
    budgetCurrency: "USD",
    visibility: "state_and_un" as const,
    ...overrides,
  };
  // Overrides may carry invalid values on purpose (validation tests): the service checks them at run time.
  return input as unknown as NewOffer;
}
