import type { Db } from "../src/store/db.js";
import type { Visibility } from "../src/store/schema.js";

// Plain inserts into the cooperation tables of migration 0005, so the coordination view and digest can be tested
// on real rows without going through the activity, request and offer services.

type ActivityInput = {
  organizationId: string;
  stateIso3: string;
  title: string;
  status?: number;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
  themes?: string[];
  sdgTargets?: string[];
  visibility?: Visibility;
  detailsWithheld?: boolean;
  createdAt?: Date;
};

export async function insertActivity(db: Db, a: ActivityInput): Promise<string> {
  const row = await db
    .insertInto("activities")
    .values({
      organization_id: a.organizationId,
      state_iso3: a.stateIso3,
      title: a.title,
      status: a.status ?? 2,
      planned_start: a.plannedStart ?? null,
      planned_end: a.plannedEnd ?? null,
      actual_start: a.actualStart ?? null,
      actual_end: a.actualEnd ?? null,
      themes: a.themes ?? [],
      sdg_targets: a.sdgTargets ?? [],
      visibility: a.visibility ?? "public",
      details_withheld: a.detailsWithheld ?? false,
      withheld_reason: a.detailsWithheld ? "Security of participants" : null,
      ...(a.createdAt ? { created_at: a.createdAt } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertParticipant(
  db: Db,
  p: { activityId: string; organizationId?: string | null; name: string; role: number; orgType?: string | null },
): Promise<void> {
  await db
    .insertInto("activity_participants")
    .values({ activity_id: p.activityId, organization_id: p.organizationId ?? null, name: p.name, role: p.role, org_type: p.orgType ?? null })
    .execute();
}

export async function insertNationalActor(
  db: Db,
  n: { activityId: string; actorType: string; involvement?: string; name?: string | null; nameConsented?: boolean },
): Promise<void> {
  await db
    .insertInto("national_actors")
    .values({
      activity_id: n.activityId,
      actor_type: n.actorType,
      involvement: n.involvement ?? "implementation",
      name: n.name ?? null,
      name_consented: n.nameConsented ?? false,
    })
    .execute();
}

export async function insertActivityEvent(db: Db, e: { activityId: string; from: number | null; to: number; reason?: string | null; at: Date }): Promise<void> {
  await db
    .insertInto("activity_events")
    .values({ activity_id: e.activityId, from_status: e.from, to_status: e.to, reason: e.reason ?? null, occurred_at: e.at })
    .execute();
}

export async function insertConsent(
  db: Db,
  c: { activityId: string; stateIso3: string; organizationId: string; grantedOn: string; revokedAt?: Date | null; reason?: string | null },
): Promise<void> {
  await db
    .insertInto("consents")
    .values({
      activity_id: c.activityId,
      state_iso3: c.stateIso3,
      organization_id: c.organizationId,
      granted_by_name: "Minister of Foreign Affairs",
      channel: "note_verbale",
      channel_reference: "NV/2025/118",
      scope: "Teacher training with the Ministry of Education",
      granted_on: c.grantedOn,
      revoked_at: c.revokedAt ?? null,
      revocation_reason: c.revokedAt ? (c.reason ?? "Elections") : null,
    })
    .execute();
}

export async function insertTransaction(db: Db, t: { activityId: string; type: number; date: string; amount: string; currency?: string }): Promise<void> {
  await db
    .insertInto("activity_transactions")
    .values({ activity_id: t.activityId, transaction_type: t.type, transaction_date: t.date, amount: t.amount, currency: t.currency ?? "USD" })
    .execute();
}

export async function insertRequest(
  db: Db,
  r: {
    stateIso3: string;
    organizationId: string;
    title: string;
    status: string;
    submittedAt?: Date | null;
    reference?: string | null;
    visibility?: Visibility;
  },
): Promise<string> {
  const row = await db
    .insertInto("assistance_requests")
    .values({
      state_iso3: r.stateIso3,
      organization_id: r.organizationId,
      title: r.title,
      status: r.status,
      submitted_at: r.submittedAt ?? null,
      reference: r.reference ?? null,
      visibility: r.visibility ?? "state_and_un",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRequestEvent(db: Db, e: { requestId: string; from: string | null; to: string; reason?: string | null; at: Date }): Promise<void> {
  await db
    .insertInto("assistance_request_events")
    .values({ request_id: e.requestId, from_status: e.from, to_status: e.to, reason: e.reason ?? null, occurred_at: e.at })
    .execute();
}

export async function insertOffer(
  db: Db,
  o: {
    organizationId: string;
    title: string;
    stateIso3?: string | null;
    requestId?: string | null;
    status?: string;
    publishedAt?: Date | null;
    visibility?: Visibility;
  },
): Promise<string> {
  const row = await db
    .insertInto("offers")
    .values({
      organization_id: o.organizationId,
      title: o.title,
      state_iso3: o.stateIso3 ?? null,
      request_id: o.requestId ?? null,
      status: o.status ?? "published",
      published_at: o.publishedAt ?? null,
      cooperation_type: "multilateral",
      visibility: o.visibility ?? "public",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
