import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideTag } from "../src/domain/tagging/tag-review-service.js";
import { storeSuggestions, tagRecommendations } from "../src/domain/tagging/tag-batch-service.js";
import type { TagModel } from "../src/domain/tagging/tag-model.js";
import { defaultTagModel } from "../src/imports/tag-model-file.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole, TEST_ACTOR } from "./factories.js";

// Batch tagging of imported recommendations (issue 7): idempotent for one model version, a newer version replaces
// only undecided suggestions, decided rows are never touched, text the model cannot read is skipped with the reason.

let handle: DbHandle;
let reviewer: Awaited<ReturnType<typeof makeUserWithRole>>;
const model = defaultTagModel();
const SLOVENIA = { source: "uhri", state: "SVN" } as const;

beforeAll(async () => {
  handle = await createTestDb({ recommendations: true });
  reviewer = await makeUserWithRole(handle.db, "ohchr_officer", { type: "un_entity" });
}, 180_000);
afterAll(async () => {
  await handle?.close();
});

const snapshot = () =>
  handle.db
    .selectFrom("tag_suggestions")
    .select(["id", "subject_id", "scheme", "code", "confidence", "status", "model_version"])
    .orderBy("subject_id")
    .orderBy("scheme")
    .orderBy("code")
    .execute();

describe("tagRecommendations", () => {
  it("stores the model's suggestions for the Slovenia thematic lists, none of them already official, with progress", async () => {
    const progress: [number, number][] = [];
    const report = await tagRecommendations(handle.db, TEST_ACTOR, model, SLOVENIA, (done, total) => progress.push([done, total]));
    const count = await handle.db
      .selectFrom("recommendations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("source_dataset", "=", "uhri")
      .where("state_iso3", "=", "SVN")
      .executeTakeFirstOrThrow();
    expect(report.total).toBe(Number(count.n));
    expect(report.subjects + report.skipped.length).toBe(report.total);
    expect(report.suggestions).toBeGreaterThan(report.subjects);
    expect(progress[0]).toEqual([0, report.total]);
    expect(progress.at(-1)).toEqual([report.total, report.total]);

    const rows = await snapshot();
    expect(rows).toHaveLength(report.suggestions);
    expect(rows.every((r) => r.status === "suggested" && r.model_version === model.version && r.confidence !== null)).toBe(true);
    // Mostly confident suggestions: a text with no label past its threshold still gets its likeliest label (UPR Info
    // gives every recommendation an issue), shown with its low confidence for the reviewer to judge.
    expect(rows.filter((r) => (r.confidence ?? 0) >= 0.5).length / rows.length).toBeGreaterThan(0.8);
    // Nothing the row already carries is suggested.
    const recs = await handle.db
      .selectFrom("recommendations")
      .select(["id", "issues", "theme_codes", "sdg_goals"])
      .where("source_dataset", "=", "uhri")
      .execute();
    const onRecord = new Set(
      recs.flatMap((r) => [
        ...r.issues.map((c) => `${r.id} upr-info ${c}`),
        ...r.theme_codes.map((c) => `${r.id} uhri ${c}`),
        ...r.sdg_goals.map((g) => `${r.id} sdg ${g}`),
      ]),
    );
    expect(rows.filter((r) => onRecord.has(`${r.subject_id} ${r.scheme} ${r.code}`))).toEqual([]);
    const audit = await handle.db.selectFrom("audit_events").select(["action", "details"]).where("action", "=", "tags.suggest").execute();
    expect(audit.reduce((n, a) => n + Number((a.details as { stored: number }).stored), 0)).toBe(report.suggestions);
  });

  it("a re-run with the same model version changes nothing", async () => {
    const before = await snapshot();
    const again = await tagRecommendations(handle.db, TEST_ACTOR, model, SLOVENIA);
    expect(again.suggestions).toBe(0);
    expect(again.replaced).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("a newer model version replaces only undecided suggestions; decided rows stay as they are", async () => {
    const before = await snapshot();
    const [accept, reject] = [before[0], before.find((r) => r.subject_id !== before[0]?.subject_id)];
    if (!accept || !reject) throw new Error("two subjects have suggestions");
    for (const [row, decision] of [
      [accept, "accept"],
      [reject, "reject"],
    ] as const) {
      await decideTag(handle.db, TEST_ACTOR, reviewer.viewer, {
        subject: { kind: "recommendation", id: row.subject_id },
        scheme: row.scheme,
        code: row.code,
        decision,
      });
    }
    const newer: TagModel = { ...model, version: `${model.version}-next` };
    const report = await tagRecommendations(handle.db, TEST_ACTOR, newer, SLOVENIA);
    expect(report.replaced).toBe(before.length - 2);
    expect(report.suggestions).toBe(before.length - 2);
    const after = await snapshot();
    expect(after).toHaveLength(before.length);
    const decided = after.filter((r) => r.status !== "suggested");
    expect(decided.map((r) => [r.id, r.status, r.model_version])).toEqual(
      [
        [accept.id, "accepted", model.version],
        [reject.id, "rejected", model.version],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(after.filter((r) => r.status === "suggested").every((r) => r.model_version === newer.version)).toBe(true);
  });

  it("with onlyUntagged tags only recommendations with no issue label and nothing stored", async () => {
    // UPR Info rows carry their issue labels: a State's UPR Info recommendations are all tagged already.
    const report = await tagRecommendations(handle.db, TEST_ACTOR, model, { source: "upr-info", state: "SVN", onlyUntagged: true });
    const untagged = await handle.db
      .selectFrom("recommendations")
      .select("id")
      .where("source_dataset", "=", "upr-info")
      .where("state_iso3", "=", "SVN")
      .where((eb) => eb(eb.fn("cardinality", ["issues"]), "=", 0))
      .execute();
    expect(report.total).toBe(untagged.length);
    expect((await tagRecommendations(handle.db, TEST_ACTOR, model, { ...SLOVENIA, onlyUntagged: true })).total).toBe(0);
  });

  it("refuses a malformed State or session", async () => {
    await expect(tagRecommendations(handle.db, TEST_ACTOR, model, { state: "Slovenia" })).rejects.toMatchObject({
      code: "invalid_input",
      problems: [{ field: "state" }],
    });
    await expect(tagRecommendations(handle.db, TEST_ACTOR, model, { session: 0 })).rejects.toMatchObject({
      code: "invalid_input",
      problems: [{ field: "session" }],
    });
  });
});

describe("storeSuggestions", () => {
  it("skips empty text, text in another language and unknown subjects, each with the reason", async () => {
    const [row] = await handle.db.selectFrom("recommendations").select("id").where("source_dataset", "=", "upr-info").orderBy("id").limit(1).execute();
    const id = row?.id as string;
    const report = await storeSuggestions(handle.db, TEST_ACTOR, model, [
      { kind: "recommendation", id, text: "   " },
      { kind: "recommendation", id: "upr-info:missing", text: "Ratify the Convention against Torture." },
      { kind: "request", id: "not-a-uuid", text: "Ratify the Convention against Torture." },
      { kind: "recommendation", id, text: "Ratifier la Convention contre la torture et renforcer l'institution nationale des droits de l'homme." },
    ]);
    expect(report.subjects).toBe(0);
    expect(report.suggestions).toBe(0);
    expect(report.skipped.map((s) => s.id)).toEqual(["upr-info:missing", "not-a-uuid", id, id]);
    expect(report.skipped[0]?.reason).toMatch(/no recommendation with this id/);
    expect(report.skipped[1]?.reason).toMatch(/no assistance request with this id/);
    expect(report.skipped[3]?.reason).toMatch(/French/);
  });

  it("reports progress chunk by chunk", async () => {
    const rows = await handle.db
      .selectFrom("recommendations")
      .select(["id", "text"])
      .where("source_dataset", "=", "upr-info")
      .orderBy("id")
      .limit(2500)
      .execute();
    const progress: number[] = [];
    const report = await storeSuggestions(
      handle.db,
      TEST_ACTOR,
      model,
      rows.map((r) => ({ kind: "recommendation" as const, id: r.id, text: r.text })),
      { onProgress: (done) => progress.push(done) },
    );
    expect(progress).toEqual([2000, rows.length]);
    expect(report.subjects + report.skipped.length).toBe(rows.length);
  });
});
