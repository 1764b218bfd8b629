import { randomUUID } from "node:crypto";
import type { Db } from "../src/store/db.js";

// Rows the activity tests start from: recommendations, assistance requests and offers written straight into their
// tables (their own services are tested in their own areas). Text is clearly fictional.

let n = 0;

export async function insertTestRecommendation(db: Db, stateIso3: string): Promise<string> {
  const id = `test:${stateIso3}:${Date.now().toString(36)}-${n++}`;
  await db
    .insertInto("recommendations")
    .values({
      id,
      mechanism: "upr",
      source_dataset: "test",
      cycle: 3,
      session: 31,
      state_iso3: stateIso3,
      state_name_as_given: stateIso3,
      paragraph: `142.${n}`,
      text: `Strengthen teacher training for inclusive distance learning (test recommendation ${n}).`,
      text_lang: "en",
      position: "supported",
      position_word: "Supported",
      document_symbol: null,
      action_category: null,
      recommending_iso3s: ["NOR"],
      recommending_groups: ["WEOG"],
      theme_codes: ["E5"],
      issues: [],
      persons: [],
      sdg_goals: [4],
      sdg_targets: ["4.c"],
      year: 2019,
      content_hash: id,
    })
    .execute();
  return id;
}

export async function insertTestRequest(
  db: Db,
  o: { stateIso3: string; organizationId: string; status: string; providerIds?: string[]; recommendationIds?: string[]; covid?: boolean },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("assistance_requests")
    .values({
      id,
      reference: `TA-${o.stateIso3}-TEST-${n++}`,
      state_iso3: o.stateIso3,
      organization_id: o.organizationId,
      status: o.status,
      title: "Teacher training for distance learning (fictional test request)",
      covid_context: o.covid ?? false,
      covid_phase: o.covid ? "recovery" : null,
      submitted_at: o.status === "draft" ? null : new Date(),
    })
    .execute();
  for (const providerId of o.providerIds ?? [])
    await db.insertInto("assistance_request_providers").values({ request_id: id, organization_id: providerId }).execute();
  for (const recommendationId of o.recommendationIds ?? [])
    await db
      .insertInto("assistance_request_recommendations")
      .values({ request_id: id, recommendation_id: recommendationId, position_at_link: "supported" })
      .execute();
  return id;
}

export async function insertTestOffer(
  db: Db,
  o: { organizationId: string; requestId: string | null; stateIso3: string | null; status: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("offers")
    .values({
      id,
      organization_id: o.organizationId,
      request_id: o.requestId,
      state_iso3: o.stateIso3,
      status: o.status,
      title: "Training of trainers in inclusive distance learning (fictional offer)",
      description: "Two workshops and a mentoring programme for teacher trainers.",
      themes: ["E5", "F3"],
      sdg_targets: ["4.c", "4.5"],
      modalities: ["training", "advisory_services"],
      cooperation_type: "multilateral",
      languages: ["fr"],
      budget_amount: "48000.00",
      budget_currency: "USD",
      fund_source: "vftc",
      available_from: "2026-01-01",
      available_to: "2026-12-31",
    })
    .execute();
  return id;
}
