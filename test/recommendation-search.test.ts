import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRecommendation, searchRecommendations } from "../src/domain/recommendations/recommendation-search.js";
import { AppError } from "../src/domain/core/app-error.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb({ recommendations: true });
});
afterAll(async () => {
  await handle.close();
});

describe("recommendation search over the real registry", () => {
  it("holds the 33,082 UPR Info recommendations with precomputed facets", async () => {
    const all = await searchRecommendations(handle.db, { limit: 1 });
    expect(all.total).toBeGreaterThanOrEqual(33_082);
    const positions = Object.fromEntries(all.facets.position.map((f) => [f.value, f.count]));
    expect(positions.supported).toBeGreaterThanOrEqual(24_378);
    expect(positions.noted).toBeGreaterThanOrEqual(8_704);
  });

  it("finds Senegal's 20 supported education recommendations of its second-cycle review (journey 1)", async () => {
    const r = await searchRecommendations(handle.db, { state: "SEN", cycle: "2", position: "supported", theme: "E5", limit: 50 });
    expect(r.total).toBe(20);
    expect(r.items.every((x) => x.stateIso3 === "SEN" && x.session === 17 && x.position === "supported" && x.themes.includes("E5"))).toBe(true);
    expect(r.facets.session).toEqual([{ value: "17", count: 20 }]);
  });

  it("matches word forms (stemming) and ranks by relevance", async () => {
    const r = await searchRecommendations(handle.db, { q: "girls education", limit: 10 });
    expect(r.total).toBeGreaterThan(100);
    for (const item of r.items) expect(item.text.toLowerCase()).toMatch(/girl/);
    expect(r.items.every((x) => /educat/i.test(x.text))).toBe(true);
  });

  it("understands web-search syntax: phrases, or, exclusion", async () => {
    const phrase = await searchRecommendations(handle.db, { q: '"right to education"', limit: 200 });
    // English stemming and stop words: the phrase is right <2> educ, so "rights, including education" matches too.
    expect(phrase.items.every((x) => /rights?\W+\w+\W+educat/i.test(x.text))).toBe(true);
    const without = await searchRecommendations(handle.db, { q: '"right to education" -girls', limit: 200 });
    expect(without.total).toBeLessThan(phrase.total);
    expect(without.items.some((x) => /\bgirls?\b/i.test(x.text))).toBe(false);
    const either = await searchRecommendations(handle.db, { q: "torture or trafficking", limit: 1 });
    const torture = await searchRecommendations(handle.db, { q: "torture", limit: 1 });
    expect(either.total).toBeGreaterThan(torture.total);
  });

  it.each(["'):(&|!", "&&&", '"unclosed', "-", "or", "的 教育", "<script>"])("never fails on odd input: %s", async (q) => {
    await expect(searchRecommendations(handle.db, { q, limit: 5 })).resolves.toBeDefined();
  });

  it("facet counts describe the filtered set", async () => {
    const r = await searchRecommendations(handle.db, { q: "death penalty", group: "WEOG", limit: 1 });
    const sum = (facet: { count: number }[]) => facet.reduce((a, f) => a + f.count, 0);
    expect(sum(r.facets.position)).toBe(r.total);
    expect(sum(r.facets.cycle)).toBe(r.total);
    expect(r.facets.group.find((g) => g.value === "WEOG")?.count).toBe(r.total);
  });

  it("orders by date, newest session first", async () => {
    const r = await searchRecommendations(handle.db, { q: "education", order: "date", limit: 30 });
    const sessions = r.items.map((x) => x.session ?? 0);
    expect(sessions).toEqual([...sessions].sort((a, b) => b - a));
  });

  it("rejects invalid filters with field-level problems", async () => {
    const error = await searchRecommendations(handle.db, { state: "Senegal", cycle: "x", position: "accepted" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).problems.map((p) => p.field).sort()).toEqual(["cycle.0", "position.0", "state.0"]);
  });

  it("returns a recommendation with its history", async () => {
    const r = await getRecommendation(handle.db, "upr-info:UPRINFO-00001");
    expect(r).toMatchObject({
      stateIso3: "DZA",
      recommendingStates: ["KWT"],
      position: "supported",
      positionWord: "Accepted",
      issues: ["Counter-terrorism"],
      themes: ["B8"],
    });
    expect(r.positionHistory).toEqual([expect.objectContaining({ position: "supported", positionWord: "Accepted", source: "upr-info" })]);
    await expect(getRecommendation(handle.db, "upr-info:nope")).rejects.toThrow(/not found/);
  });
});
