import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db-harness.js";
import { DEFAULT_RESOURCES_DIR } from "../../imports/resources-path.js";
import { countAuditRows } from "../../store/audit-store.js";
import { createMemoryPglite, type DbHandle, openDatabase } from "../../store/db.js";
import { migrate } from "../../store/migrate.js";
import { verifyAuditLog } from "../audit/audit-service.js";
import {
  countReferenceData,
  createCountryNameResolver,
  getCountry,
  listCountries,
  listRegionalGroups,
  listTaxonomyTerms,
  listUprSessions,
  loadReferenceData,
  resolveCountryName,
} from "./reference-service.js";

const DATASETS = [
  "regional-groups",
  "m49",
  "country-aliases",
  "languages",
  "sdg",
  "uhri-themes",
  "uhri-persons",
  "iati-codelists",
  "upr-sessions",
  "exchange-rates",
];

/** A copy of resources/ to edit, as a new version of the sources would arrive. */
function copyResources(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-resources-"));
  fs.cpSync(DEFAULT_RESOURCES_DIR, dir, { recursive: true });
  return dir;
}

describe("reference data in the database", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h?.close());

  it("holds the loaded figures the home page shows", async () => {
    expect(await countReferenceData(h.db)).toEqual({ countries: 248, unMemberStates: 193, sdgTargets: 169, uhriThemes: 39, iatiCodelists: 28 });
  });

  it("recorded one audited load per dataset", async () => {
    const events = await h.db.selectFrom("audit_events").select(["entity_id", "details", "actor_label"]).where("action", "=", "reference.load").execute();
    expect(events.map((e) => e.entity_id).sort()).toEqual([...DATASETS].sort());
    const m49 = events.find((e) => e.entity_id === "m49");
    expect(m49?.actor_label).toBe("system");
    expect(m49?.details).toMatchObject({ version: expect.stringMatching(/^sha256:/), counts: { countries: 248 } });
    expect((await verifyAuditLog(h.db)).ok).toBe(true);
  });

  it("does nothing on a second start: every dataset unchanged, no audit row", async () => {
    const before = await countAuditRows(h.db);
    const report = await loadReferenceData(h.db);
    expect(report.datasets.map((d) => [d.id, d.status])).toEqual(DATASETS.map((id) => [id, "unchanged"]));
    expect(await countAuditRows(h.db)).toBe(before);
  });

  it("lists and filters countries, with designations as of a date", async () => {
    const ldcAfrican = await listCountries(h.db, { regionalGroup: "AFG", designation: "ldc" });
    expect(ldcAfrican.total).toBe(32);
    expect(ldcAfrican.items.map((c) => c.iso3)).toContain("SEN");
    expect((await listCountries(h.db, { designation: "un_member" })).total).toBe(193);
    expect((await listCountries(h.db, { region: "Western Africa" })).items.every((c) => c.intermediateRegion === "Western Africa")).toBe(true);
    expect((await listCountries(h.db, { q: "IVOIRE" })).items.map((c) => c.iso3)).toEqual(["CIV"]);
    expect((await listCountries(h.db, { q: "Сенегал" })).items.map((c) => c.iso3)).toEqual(["SEN"]);
    const all = await listCountries(h.db);
    expect(all.total).toBe(248);
    // Sorted on normalized names: Åland Islands between Afghanistan and Albania.
    expect(all.items.slice(0, 3).map((c) => c.name)).toEqual(["Afghanistan", "Åland Islands", "Albania"]);
  });

  it("gives one country with its names per language, designations and regional group", async () => {
    const sen = await getCountry(h.db, "sen");
    expect(sen).toMatchObject({ iso3: "SEN", m49: "686", name: "Senegal", regionalGroup: "AFG", regionalGroupName: { en: "African Group" } });
    expect(sen.designations.sort()).toEqual(["ldc", "un_member"]);
    expect(sen.names.fr?.[0]).toMatchObject({ name: "Sénégal", official: false });
    expect(sen.names.en?.find((n) => n.kind === "short")).toMatchObject({ name: "Senegal", official: true, source: "UNSD M49" });
    expect((await getCountry(h.db, "AUS")).regionalGroupNote).toBe("Asia-Pacific Group; Western European and Others Group");
    await expect(getCountry(h.db, "XXX")).rejects.toMatchObject({ code: "not_found" });
    await expect(getCountry(h.db, "12")).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("resolves country names as files spell them", async () => {
    for (const name of ["Cote d'Ivoire", "Côte d’Ivoire", "COTE D'IVOIRE"]) {
      expect(await resolveCountryName(h.db, name)).toMatchObject({ status: "matched", iso3: "CIV" });
    }
    expect(await resolveCountryName(h.db, "Swaziland")).toMatchObject({ status: "matched", iso3: "SWZ" });
    expect(await resolveCountryName(h.db, "Bolivarian Republic of Venezuela")).toMatchObject({ status: "matched", iso3: "VEN" });
    const atlantis = await resolveCountryName(h.db, "Atlantis");
    expect(atlantis.status).toBe("unknown");
    expect(atlantis.status === "unknown" && atlantis.candidates.length).toBeGreaterThan(0);
    const korea = await resolveCountryName(h.db, "Republic of Korea (the)");
    expect(korea.status === "unknown" && korea.candidates[0]?.iso3).toBe("KOR");
    const resolve = await createCountryNameResolver(h.db);
    expect(resolve("Turkey")).toMatchObject({ status: "matched", iso3: "TUR" });
    expect(resolve("Atlantis")).toEqual(atlantis);
  });

  it("lists taxonomy terms valid at a date, and the other reference lists", async () => {
    const status = await listTaxonomyTerms(h.db, "iati:ActivityStatus");
    expect(status.map((t) => t.code)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(status[3]?.labels).toEqual({ en: "Closed", fr: "Fermé" });
    const currencies = await listTaxonomyTerms(h.db, "iati:Currency", { asOf: "2019-01-01" });
    expect(currencies.some((t) => t.code === "BYR")).toBe(false);
    expect((await listTaxonomyTerms(h.db, "iati:Currency", { asOf: "2018-01-01" })).some((t) => t.code === "BYR")).toBe(true);
    expect((await listTaxonomyTerms(h.db, "sdg-target")).find((t) => t.code === "4.c")?.parentCode).toBe("4");
    await expect(listTaxonomyTerms(h.db, "nope")).rejects.toMatchObject({ code: "not_found" });
    expect((await listRegionalGroups(h.db)).map((g) => [g.code, g.memberCount])).toEqual([
      ["AFG", 54],
      ["APG", 54],
      ["EEG", 23],
      ["GRULAC", 33],
      ["WEOG", 29],
    ]);
    expect((await listUprSessions(h.db)).at(-1)).toEqual({ session: 53, cycle: 4, year: 2026 });
  });
});

describe("a new version of the sources", () => {
  let h: DbHandle;
  let dir: string;
  beforeAll(async () => {
    h = await createTestDb();
    dir = copyResources();
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("closes the terms a taxonomy drops, keeps them, and starts new ones on the load date", async () => {
    const file = path.join(dir, "taxonomies/uhri-themes.json");
    const themes = JSON.parse(fs.readFileSync(file, "utf8"));
    themes.version = "2";
    themes.terms = themes.terms.filter((t: { code: string }) => t.code !== "B9");
    themes.terms.push({ code: "B10", parent: "B", labels: { en: "A new theme" } });
    fs.writeFileSync(file, JSON.stringify(themes));
    const before = await countAuditRows(h.db);

    const report = await loadReferenceData(h.db, { resourcesDir: dir, today: "2030-01-01" });
    expect(report.datasets.filter((d) => d.status === "loaded").map((d) => d.id)).toEqual(["uhri-themes"]);
    expect(report.datasets.find((d) => d.id === "uhri-themes")?.counts).toMatchObject({ terms: 46, termsAdded: 1, termsClosed: 1 });
    expect(await countAuditRows(h.db)).toBe(before + 1);

    const all = await listTaxonomyTerms(h.db, "uhri-theme", { all: true });
    expect(all.find((t) => t.code === "B9")).toMatchObject({ validTo: "2030-01-01", labels: { en: "Human rights and use of mercenaries" } });
    expect(all.find((t) => t.code === "B10")).toMatchObject({ validFrom: "2030-01-01", validTo: null });
    expect(all.find((t) => t.code === "E5")?.validFrom).toBe("2000-01-01");
    const codesOn = async (d: string) => (await listTaxonomyTerms(h.db, "uhri-theme", { asOf: d })).map((t) => t.code);
    expect(await codesOn("2029-12-31")).toContain("B9");
    expect(await codesOn("2029-12-31")).not.toContain("B10");
    expect(await codesOn("2030-01-01")).not.toContain("B9");
    expect(await codesOn("2030-01-01")).toContain("B10");
  });

  it("ends a designation the source no longer asserts (an LDC graduation)", async () => {
    const file = path.join(dir, "countries/m49_countries.csv");
    // Senegal's row: ...,ldc,lldc,sids,un_member_state,... = 1,0,0,1 → 0,0,0,1
    const text = fs.readFileSync(file, "utf8").replace(/^(686,SN,SEN,Senegal,[^\n]*?,Western Africa,)1,/m, "$10,");
    fs.writeFileSync(file, text);
    const report = await loadReferenceData(h.db, { resourcesDir: dir, today: "2031-06-30" });
    expect(report.datasets.find((d) => d.id === "m49")).toMatchObject({ status: "loaded", counts: { designationsClosed: 1, designationsAdded: 0 } });
    expect((await getCountry(h.db, "SEN", { asOf: "2031-06-29" })).designations.sort()).toEqual(["ldc", "un_member"]);
    const after = await getCountry(h.db, "SEN", { asOf: "2031-06-30" });
    expect(after.designations).toEqual(["un_member"]);
    expect(after.designationHistory.find((d) => d.designation === "ldc")).toMatchObject({ validFrom: null, validTo: "2031-06-30" });
    expect((await verifyAuditLog(h.db)).ok).toBe(true);
  });
});

describe("a first load on an empty PGlite database", () => {
  it("loads every dataset in bulk, fast enough for a first start", async () => {
    const handle = await openDatabase({ pglite: await createMemoryPglite() });
    try {
      await migrate(handle.db);
      const started = performance.now();
      const report = await loadReferenceData(handle.db);
      const firstMs = performance.now() - started;
      const again = performance.now();
      await loadReferenceData(handle.db);
      const unchangedMs = performance.now() - again;
      console.info(`reference data on PGlite: first load ${firstMs.toFixed(0)} ms, unchanged load ${unchangedMs.toFixed(0)} ms`);
      expect(report.datasets.every((d) => d.status === "loaded")).toBe(true);
      expect(firstMs).toBeLessThan(15_000);
      expect(unchangedMs).toBeLessThan(2_000);
    } finally {
      await handle.close();
    }
  });
});
