import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "../src/domain/access/viewer.js";
import { searchRecommendations } from "../src/domain/recommendations/recommendation-search.js";
import { createRequestDraft } from "../src/domain/requests/request-service.js";
import { selectedCodesOf } from "../src/domain/tagging/tag-batch-service.js";
import { addHumanTag, decideTag, listReviewQueue, listSubjectTags, storeSuggestions, type TagSubject } from "../src/domain/tagging/tag-review-service.js";
import { suggestTags } from "../src/domain/tagging/tag-suggest.js";
import { defaultTagModel } from "../src/imports/tag-model-file.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole, TEST_ACTOR } from "./factories.js";
import { fullDraft, makeRequestCast, type RequestCast } from "./request-fixtures.js";

// Suggested tags and their review on the real registry (issue 7): suggestions are never official until accepted; an
// accepted tag is official on the recommendation and findable in search; source tags cannot be rejected; every write
// is audited; only reviewers see suggestions and the queue.

let handle: DbHandle;
let c: RequestCast;
let admin: Awaited<ReturnType<typeof makeUserWithRole>>;
const model = defaultTagModel();

beforeAll(async () => {
  handle = await createTestDb({ recommendations: true });
  c = await makeRequestCast(handle.db);
  admin = await makeUserWithRole(handle.db, "admin", { type: "un_entity" });
}, 180_000);
afterAll(async () => {
  await handle?.close();
});

const rec = (id: string): TagSubject => ({ kind: "recommendation", id });
/** A Slovenia thematic-list recommendation (source 'uhri') and what the model selects for it beyond its own tags. */
async function sloveniaRecommendation(paragraph: string) {
  const id = `uhri:Slovenia:20:${paragraph}`;
  const row = await handle.db
    .selectFrom("recommendations")
    .select(["text", "issues", "theme_codes", "sdg_goals"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const onRecord = new Set([...row.issues.map((c) => `upr-info ${c}`), ...row.theme_codes.map((c) => `uhri ${c}`), ...row.sdg_goals.map((g) => `sdg ${g}`)]);
  const suggested = selectedCodesOf(suggestTags(model, row.text)).filter((s) => !onRecord.has(`${s.scheme} ${s.code}`));
  return { id, row, suggested };
}
const storedRows = (id: string) => handle.db.selectFrom("tag_suggestions").selectAll().where("subject_id", "=", id).orderBy("scheme").orderBy("code").execute();
const auditActions = async (entityId: string) =>
  (await handle.db.selectFrom("audit_events").select("action").where("entity_id", "=", entityId).orderBy("seq").execute()).map((r) => r.action);

describe("suggested tags of a recommendation", () => {
  it("shows only official tags to the public, and live model suggestions to a reviewer without storing them", async () => {
    const { id, row, suggested } = await sloveniaRecommendation("115.1");
    expect(suggested.length).toBeGreaterThan(0);
    const anonymous = await listSubjectTags(handle.db, ANONYMOUS, rec(id));
    expect(anonymous.canReview).toBe(false);
    expect(anonymous.pending).toEqual([]);
    expect(anonymous.official.map((t) => [t.scheme, t.code, t.origin, t.status])).toEqual(row.theme_codes.map((code) => ["uhri", code, "source", "official"]));
    // A State focal point is not a reviewer of recommendations: the same public view.
    expect(await listSubjectTags(handle.db, c.senFocal.viewer, rec(id))).toEqual(anonymous);

    const reviewer = await listSubjectTags(handle.db, c.ohchr.viewer, rec(id));
    expect(reviewer.canReview).toBe(true);
    expect(reviewer.official).toEqual(anonymous.official);
    expect(reviewer.pending.map((t) => `${t.scheme} ${t.code}`).sort()).toEqual(suggested.map((s) => `${s.scheme} ${s.code}`).sort());
    expect(
      reviewer.pending.every((t) => t.status === "suggested" && t.origin === "model" && t.modelName === model.name && t.modelVersion === model.version),
    ).toBe(true);
    expect(reviewer.pending.every((t) => t.confidence !== null && t.confidence > 0)).toBe(true);
    expect(await storedRows(id)).toEqual([]);
  });

  it("accepting a live suggestion stores its siblings as pending, makes it official and findable in search by its theme", async () => {
    const { id, suggested } = await sloveniaRecommendation("115.1");
    const theme = suggested.find((s) => s.scheme === "uhri");
    if (!theme) throw new Error("the model suggests a UHRI theme for 115.1");
    const before = await searchRecommendations(handle.db, { state: "SVN", theme: theme.code, limit: 200 });
    expect(before.items.map((r) => r.id)).not.toContain(id);

    await decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "uhri", code: theme.code, decision: "accept" });

    const rows = await storedRows(id);
    expect(rows).toHaveLength(suggested.length);
    const decided = rows.find((r) => r.scheme === "uhri" && r.code === theme.code);
    expect(decided).toMatchObject({ status: "accepted", origin: "model", model_name: model.name, model_version: model.version, decided_by: c.ohchr.userId });
    expect(rows.filter((r) => r !== decided).every((r) => r.status === "suggested")).toBe(true);
    const row = await handle.db.selectFrom("recommendations").select(["theme_codes", "facet_tokens"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.theme_codes).toContain(theme.code);
    expect(row.facet_tokens).toContain(`theme:${theme.code}`);
    const themeRow = await handle.db
      .selectFrom("recommendation_themes")
      .selectAll()
      .where("recommendation_id", "=", id)
      .where("code", "=", theme.code)
      .executeTakeFirstOrThrow();
    expect(themeRow.provenance).toBe("algorithm");

    const after = await searchRecommendations(handle.db, { state: "SVN", theme: theme.code, limit: 200 });
    expect(after.items.map((r) => r.id)).toContain(id);
    expect(after.total).toBe(before.total + 1);

    const tags = await listSubjectTags(handle.db, ANONYMOUS, rec(id));
    expect(tags.official.find((t) => t.code === theme.code)).toMatchObject({ origin: "model", status: "accepted", decidedBy: c.ohchr.viewer.displayName });
    const reviewer = await listSubjectTags(handle.db, c.ohchr.viewer, rec(id));
    expect(reviewer.pending.map((t) => t.code)).not.toContain(theme.code);
    expect(reviewer.pending).toHaveLength(suggested.length - 1);
    expect(await auditActions(id)).toEqual(["tag.accept"]);
  });

  it("rejecting keeps the row, hides the code from the pending list and from search, and a batch run does not suggest it again", async () => {
    const { id, suggested } = await sloveniaRecommendation("115.2");
    const label = suggested.find((s) => s.scheme === "upr-info");
    if (!label) throw new Error("the model suggests a UPR Info issue for 115.2");
    await decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "upr-info", code: label.code, decision: "reject" });
    const tags = await listSubjectTags(handle.db, c.ohchr.viewer, rec(id));
    expect(tags.rejected.map((t) => t.code)).toEqual([label.code]);
    expect(tags.pending.map((t) => t.code)).not.toContain(label.code);
    expect(tags.official.map((t) => t.code)).not.toContain(label.code);
    const text = (await handle.db.selectFrom("recommendations").select("text").where("id", "=", id).executeTakeFirstOrThrow()).text;
    const again = await storeSuggestions(handle.db, TEST_ACTOR, model, [{ kind: "recommendation", id, text }]);
    expect(again.suggestions).toBe(0);
    expect((await storedRows(id)).find((r) => r.code === label.code)?.status).toBe("rejected");
  });

  it("refuses to reject a tag that came from the source, and to accept it again, writing nothing", async () => {
    const { id, row } = await sloveniaRecommendation("115.3");
    const code = row.theme_codes[0] as string;
    const seq = await handle.db.selectFrom("audit_events").select(sql<number>`max(seq)`.as("n")).executeTakeFirstOrThrow();
    await expect(decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "uhri", code, decision: "reject" })).rejects.toMatchObject({
      code: "rule_violation",
      message: expect.stringMatching(/tags from the source are the source's/),
    });
    await expect(decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "uhri", code, decision: "accept" })).rejects.toMatchObject({
      code: "rule_violation",
    });
    expect(await storedRows(id)).toEqual([]);
    const after = await handle.db.selectFrom("audit_events").select(sql<number>`max(seq)`.as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(seq.n);
  });

  it("lets only reviewers decide, and says so", async () => {
    const { id, suggested } = await sloveniaRecommendation("115.4");
    const s = suggested[0];
    if (!s) throw new Error("the model suggests something for 115.4");
    const input = { subject: rec(id), scheme: s.scheme, code: s.code, decision: "accept" as const };
    await expect(decideTag(handle.db, TEST_ACTOR, ANONYMOUS, input)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(decideTag(handle.db, TEST_ACTOR, c.senFocal.viewer, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideTag(handle.db, TEST_ACTOR, c.unesco.viewer, input)).rejects.toMatchObject({ code: "forbidden" });
    await decideTag(handle.db, TEST_ACTOR, admin.viewer, input);
    expect((await storedRows(id)).find((r) => r.code === s.code)?.status).toBe("accepted");
  });

  it("answers a code that was never suggested with not_found, and bad input with the field", async () => {
    const { id } = await sloveniaRecommendation("115.5");
    await expect(decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "sdg", code: "14", decision: "accept" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "nope" as "sdg", code: "1", decision: "accept" }),
    ).rejects.toMatchObject({ code: "invalid_input", problems: [{ field: "scheme" }] });
    await expect(listSubjectTags(handle.db, ANONYMOUS, rec("upr-info:does-not-exist"))).rejects.toMatchObject({ code: "not_found" });
  });

  it("adds a human tag (official at once, provenance human), refuses an unknown code or one already official", async () => {
    const { id, row } = await sloveniaRecommendation("115.6");
    const goal = [1, 2, 3, 6, 7, 9, 11, 12, 13, 14, 15].find((g) => !row.sdg_goals.includes(g)) as number;
    await addHumanTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "sdg", code: String(goal) });
    const tags = await listSubjectTags(handle.db, ANONYMOUS, rec(id));
    expect(tags.official.find((t) => t.scheme === "sdg" && t.code === String(goal))).toMatchObject({ origin: "human", confidence: null, modelName: null });
    expect((await handle.db.selectFrom("recommendations").select("sdg_goals").where("id", "=", id).executeTakeFirstOrThrow()).sdg_goals).toContain(goal);
    const found = await searchRecommendations(handle.db, { state: "SVN", sdg: String(goal), limit: 200 });
    expect(found.items.map((r) => r.id)).toContain(id);
    await expect(addHumanTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "sdg", code: String(goal) })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(addHumanTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "sdg", code: "18" })).rejects.toMatchObject({
      code: "invalid_input",
      problems: [{ field: "code" }],
    });
    await expect(addHumanTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "uhri", code: "Z9" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(addHumanTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "upr-info", code: "Not a label" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await addHumanTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "upr-info", code: model.labels[0]?.toUpperCase() as string });
    const issues = (await handle.db.selectFrom("recommendations").select("issues").where("id", "=", id).executeTakeFirstOrThrow()).issues;
    expect(issues).toContain(model.labels[0]);
    expect(await auditActions(id)).toEqual(["tag.add", "tag.add"]);
  });

  it("reverses an acceptance: the tag leaves the record and search, the row stays as rejected", async () => {
    const { id, suggested } = await sloveniaRecommendation("115.7");
    const goal = suggested.find((s) => s.scheme === "sdg");
    if (!goal) throw new Error("the model suggests an SDG goal for 115.7");
    const subject = rec(id);
    await decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject, scheme: "sdg", code: goal.code, decision: "accept" });
    expect((await searchRecommendations(handle.db, { state: "SVN", sdg: goal.code, limit: 200 })).items.map((r) => r.id)).toContain(id);
    await decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject, scheme: "sdg", code: goal.code, decision: "reject" });
    const row = await handle.db.selectFrom("recommendations").select(["sdg_goals", "facet_tokens"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.sdg_goals).not.toContain(Number(goal.code));
    expect(row.facet_tokens).not.toContain(`sdg:${goal.code}`);
    expect((await searchRecommendations(handle.db, { state: "SVN", sdg: goal.code, limit: 200 })).items.map((r) => r.id)).not.toContain(id);
    expect((await storedRows(id)).find((r) => r.scheme === "sdg" && r.code === goal.code)?.status).toBe("rejected");
  });

  it("keeps accepted tags when a re-import rewrites the row's facet arrays", async () => {
    const { id, suggested } = await sloveniaRecommendation("115.8");
    const label = suggested.find((s) => s.scheme === "upr-info");
    if (!label) throw new Error("the model suggests a UPR Info issue for 115.8");
    await decideTag(handle.db, TEST_ACTOR, c.ohchr.viewer, { subject: rec(id), scheme: "upr-info", code: label.code, decision: "accept" });
    // What saveRecommendations does for a changed source row: the arrays and tokens from the file alone.
    await handle.db
      .updateTable("recommendations")
      .set({ issues: [], facet_tokens: ["state:SVN"] })
      .where("id", "=", id)
      .execute();
    const row = await handle.db.selectFrom("recommendations").select(["issues", "facet_tokens"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.issues).toEqual([label.code]);
    expect(row.facet_tokens).toContain(`issue:${label.code}`);
  });

  it("returns nothing pending for a text the model cannot read (it does not guess)", async () => {
    // A recommendation as a French thematic list would give it (the UPR Info rows are all English).
    const id = "upr-info:UPRINFO-22211";
    await handle.db
      .updateTable("recommendations")
      .set({ text: "Ratifier les conventions de l'OIT no 138 et no 182 sur le travail des enfants", text_lang: "fr" })
      .where("id", "=", id)
      .execute();
    const tags = await listSubjectTags(handle.db, c.ohchr.viewer, rec(id));
    expect(tags.pending).toEqual([]);
  });
});

describe("suggested tags of an assistance request", () => {
  let requestId: string;
  beforeAll(async () => {
    requestId = (await createRequestDraft(handle.db, c.senFocal.viewer, { ...fullDraft(c), themes: ["E5"] })).id;
  });

  it("is reviewed by the requesting State and OHCHR; a request the viewer may not see does not exist for them", async () => {
    const subject: TagSubject = { kind: "request", id: requestId };
    const own = await listSubjectTags(handle.db, c.senFocal.viewer, subject);
    expect(own.canReview).toBe(true);
    expect(own.official.map((t) => `${t.scheme} ${t.code} ${t.origin}`)).toEqual(["uhri E5 source", ...officialGoals()]);
    expect(own.pending.length).toBeGreaterThan(0);
    expect(own.pending.map((t) => `${t.scheme} ${t.code}`)).not.toContain("uhri E5");
    // A draft is the State's alone (cooperation-access.ts): OHCHR and Mali do not see it.
    await expect(listSubjectTags(handle.db, c.ohchr.viewer, subject)).rejects.toMatchObject({ code: "not_found" });
    await expect(listSubjectTags(handle.db, c.mliFocal.viewer, subject)).rejects.toMatchObject({ code: "not_found" });
    await expect(decideTag(handle.db, TEST_ACTOR, c.mliFocal.viewer, { subject, scheme: "uhri", code: "F3", decision: "accept" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("accepting a request tag records it as official for the request without changing the request", async () => {
    const subject: TagSubject = { kind: "request", id: requestId };
    const { pending } = await listSubjectTags(handle.db, c.senFocal.viewer, subject);
    const first = pending[0];
    if (!first) throw new Error("the model suggests something for the request");
    const before = await handle.db.selectFrom("assistance_requests").select(["themes", "version"]).where("id", "=", requestId).executeTakeFirstOrThrow();
    await decideTag(handle.db, TEST_ACTOR, c.senFocal.viewer, { subject, scheme: first.scheme, code: first.code, decision: "accept" });
    const tags = await listSubjectTags(handle.db, c.senFocal.viewer, subject);
    expect(tags.official.find((t) => t.code === first.code)).toMatchObject({ status: "accepted", origin: "model" });
    expect(await handle.db.selectFrom("assistance_requests").select(["themes", "version"]).where("id", "=", requestId).executeTakeFirstOrThrow()).toEqual(
      before,
    );
    await expect(decideTag(handle.db, TEST_ACTOR, c.senFocal.viewer, { subject, scheme: "uhri", code: "E5", decision: "reject" })).rejects.toMatchObject({
      code: "rule_violation",
      message: expect.stringMatching(/edits its request's themes/),
    });
    expect(await auditActions(requestId)).toContain("tag.accept");
  });

  function officialGoals(): string[] {
    const goals = [...new Set(fullDraft(c).sdgTargets.map((t: string) => Number(t.split(".")[0])))].sort((a, b) => a - b);
    return goals.map((g) => `sdg ${g} source`);
  }
});

describe("the review queue", () => {
  it("is for reviewers only", async () => {
    await expect(listReviewQueue(handle.db, ANONYMOUS, {})).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(listReviewQueue(handle.db, c.unesco.viewer, {})).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lists subjects with undecided suggestions, filtered by State, session and source, a page at a time", async () => {
    const svn = await handle.db.selectFrom("recommendations").select(["id", "text"]).where("source_dataset", "=", "uhri").orderBy("id").limit(30).execute();
    await storeSuggestions(
      handle.db,
      TEST_ACTOR,
      model,
      svn.map((r) => ({ kind: "recommendation" as const, id: r.id, text: r.text })),
    );
    const page1 = await listReviewQueue(handle.db, c.ohchr.viewer, { state: "SVN", source: "uhri" });
    expect(page1.pageSize).toBe(20);
    expect(page1.total).toBeGreaterThan(20);
    expect(page1.items).toHaveLength(20);
    expect(page1.items.every((i) => i.subject.kind === "recommendation" && i.stateIso3 === "SVN" && i.pending.length > 0)).toBe(true);
    expect(page1.items.every((i) => i.pending.every((p) => p.status === "suggested"))).toBe(true);
    const page2 = await listReviewQueue(handle.db, c.ohchr.viewer, { state: "SVN", source: "uhri", page: 2 });
    expect(page2.items.length).toBe(page1.total - 20);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.subject.id)).size).toBe(page1.total);
    expect((await listReviewQueue(handle.db, c.ohchr.viewer, { state: "SEN", source: "uhri" })).total).toBe(0);
    expect((await listReviewQueue(handle.db, c.ohchr.viewer, { state: "SVN", session: 34 })).items.every((i) => i.subject.id.includes(":34:"))).toBe(true);
    await expect(listReviewQueue(handle.db, c.ohchr.viewer, { state: "Slovenia" })).rejects.toMatchObject({
      code: "invalid_input",
      problems: [{ field: "state" }],
    });
  });

  it("shows a State's focal point only its own requests, never recommendations", async () => {
    const { id } = await createRequestDraft(handle.db, c.senFocal.viewer, fullDraft(c));
    await storeSuggestions(handle.db, TEST_ACTOR, model, [{ kind: "request", id, text: `${fullDraft(c).title}\n\n${fullDraft(c).needsStatement}` }]);
    const sen = await listReviewQueue(handle.db, c.senFocal.viewer, {});
    expect(sen.items.map((i) => i.subject)).toContainEqual({ kind: "request", id });
    expect(sen.items.every((i) => i.subject.kind === "request" && i.stateIso3 === "SEN")).toBe(true);
    const mli = await listReviewQueue(handle.db, c.mliFocal.viewer, {});
    expect(mli.items.map((i) => i.subject.id)).not.toContain(id);
    // OHCHR does not see the State's draft, so it is not in OHCHR's queue either (filtered in SQL).
    const ohchr = await listReviewQueue(handle.db, c.ohchr.viewer, { state: "SEN" });
    expect(ohchr.items.map((i) => i.subject.id)).not.toContain(id);
  });
});
