import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XmlDocument, XmlElement } from "libxml2-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  exportIatiActivities,
  exportIatiOrganisation,
  type IatiExportOptions,
  type IatiExportReport,
  loadIatiActivities,
} from "../src/domain/transparency/iati-export-service.js";
import { isAtMostOneYear, toCents } from "../src/exports/iati-activity-parts.js";
import { iatiValidator, validateXmlText } from "../src/imports/iati-schema.js";
import { type IatiFixtures, SPECIAL_DESCRIPTION, SPECIAL_TITLE, seedIatiFixtures } from "./iati-fixtures.js";
import { startTestServer, type TestServer } from "./http-harness.js";

// The IATI 2.03 export (docs/iati.md) on realistic activities: valid against the official schema (libxml2 here,
// and Debian's xmllint when installed — CI installs it), the Rulesets that apply, only what the public may see,
// filters, determinism, the organisation file, and the HTTP routes.

let server: TestServer;
let f: IatiFixtures;
let all: { xml: string; report: IatiExportReport };
let richId: string;
let simpleId: string;

async function exportXml(options: IatiExportOptions = {}): Promise<{ xml: string; report: IatiExportReport; chunks: number }> {
  let xml = "";
  let chunks = 0;
  const report = await exportIatiActivities(server.handle.db, options, (chunk) => {
    xml += chunk;
    chunks++;
  });
  return { xml, report, chunks };
}

function withDocument<T>(xml: string, read: (doc: XmlDocument) => T): T {
  const doc = XmlDocument.fromString(xml);
  try {
    return read(doc);
  } finally {
    doc.dispose();
  }
}

const elements = (doc: XmlDocument | XmlElement, xpath: string) => doc.find(xpath).filter((n): n is XmlElement => n instanceof XmlElement);
const attr = (e: XmlElement | undefined, name: string) => e?.attr(name)?.value ?? null;
const activityOf = (doc: XmlDocument, identifier: string) => {
  const found = elements(doc, `/iati-activities/iati-activity[iati-identifier='${identifier}']`)[0];
  if (!found) throw new Error(`no activity ${identifier} in the file`);
  return found;
};
const identifiers = (xml: string) => withDocument(xml, (doc) => elements(doc, "/iati-activities/iati-activity/iati-identifier").map((e) => e.content));

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  f = await seedIatiFixtures(server.handle.db);
  all = await exportXml();
  [richId, simpleId] = (await Promise.all(
    [f.rich, f.simple].map(async (id) => (await loadIatiActivities(server.handle.db, [id]))[0]?.identifier ?? "(not exportable)"),
  )) as [string, string];
});
afterAll(async () => {
  await server?.close();
});

describe("IATI 2.03 activity file", () => {
  it("is valid against the official 2.03 schema with zero issues", () => {
    expect(all.report.exported).toBe(2);
    expect(validateXmlText(iatiValidator("activities", "2.03"), all.xml)).toEqual([]);
  });

  it("leaves out what the public may not see, and what has no identifier or fails a rule, and says why", async () => {
    expect(identifiers(all.xml)).toEqual([richId, simpleId].sort());
    const reasons = new Map(all.report.excluded.map((x) => [x.id, x.reason]));
    expect(Object.fromEntries([f.withheld, f.notPublic, f.noIdentifier, f.noSector].map((id) => [id, reasons.get(id)]))).toEqual({
      [f.withheld]: "details withheld by the State",
      [f.notPublic]: "not public",
      [f.noIdentifier]: "no IATI identifier; the reporting provider has no IATI organisation identifier",
      [f.noSector]: "Rulesets 6.2.2: no DAC sector",
    });
    expect(all.xml).not.toMatch(/Consultations with victims|Internal needs assessment|without IATI identifier|without a sector/);
    expect(await loadIatiActivities(server.handle.db, [f.withheld, f.notPublic, f.noIdentifier])).toEqual([]);
  });

  it("keeps XML-special characters, Arabic and Chinese text exactly", () => {
    withDocument(all.xml, (doc) => {
      const activity = activityOf(doc, richId);
      expect(activity?.get("title/narrative")?.content).toBe(SPECIAL_TITLE);
      expect(activity?.get("description/narrative")?.content).toBe(SPECIAL_DESCRIPTION);
      expect(elements(doc, "//transaction/receiver-org/narrative").map((e) => e.content)).toContain("Ministère de l'Éducation nationale & de la Formation");
      expect(elements(doc, "//transaction/description/narrative").map((e) => e.content)).toContain("Ateliers <Dakar> & Thiès");
      expect(attr(activity, "default-currency")).toBe("USD");
      expect(activity?.attr("lang", "xml")?.value).toBe("fr");
    });
    expect(all.xml).toContain("&lt;b&gt;not markup&lt;/b&gt;");
  });

  it("holds the Rulesets: identifier prefix, sector sums of 100, budget periods of at most a year that sum to the budget", async () => {
    const budgets = new Map((await loadIatiActivities(server.handle.db, [f.rich, f.simple])).map((a) => [a.identifier, a.budgetAmount]));
    withDocument(all.xml, (doc) => {
      for (const a of elements(doc, "/iati-activities/iati-activity")) {
        const id = a.get("iati-identifier")?.content ?? "";
        const ref = attr(a.get("reporting-org") as XmlElement, "ref") ?? "";
        expect(id.startsWith(`${ref}-`) && id !== ref).toBe(true);
        const percentages = elements(a, "sector[@vocabulary='1']").map((s) => toCents(attr(s, "percentage") ?? ""));
        expect(percentages.reduce((x, y) => x + y, 0n)).toBe(10_000n);
        const periods = elements(a, "budget").map((b) => ({
          start: attr(b.get("period-start") as XmlElement, "iso-date") ?? "",
          end: attr(b.get("period-end") as XmlElement, "iso-date") ?? "",
          cents: toCents(b.get("value")?.content ?? ""),
        }));
        for (const p of periods) expect(isAtMostOneYear(p.start, p.end) && p.start <= p.end).toBe(true);
        expect(periods.reduce((x, p) => x + p.cents, 0n)).toBe(toCents(budgets.get(id) ?? "x"));
      }
      const rich = activityOf(doc, richId);
      expect(elements(rich, "sector").map((s) => [attr(s, "code"), attr(s, "percentage")])).toEqual([
        ["15160", "33.33"],
        ["11110", "33.33"],
        ["15150", "33.34"],
      ]);
      expect(elements(rich, "budget").map((b) => [attr(b.get("period-start") as XmlElement, "iso-date"), b.get("value")?.content])).toEqual([
        ["2024-07-01", "99835.88"],
        ["2025-07-01", "99835.88"],
        ["2026-07-01", "50328.24"],
      ]);
    });
  });

  it("writes transactions in their own currencies, indicator values by sex, the target, tags and markers", () => {
    withDocument(all.xml, (doc) => {
      const rich = activityOf(doc, richId);
      expect(
        elements(rich, "transaction").map((t) => [
          attr(t.get("transaction-type") as XmlElement, "code"),
          attr(t.get("value") as XmlElement, "currency"),
          attr(t.get("value") as XmlElement, "value-date"),
          t.get("value")?.content,
        ]),
      ).toEqual([
        ["2", "USD", "2024-08-01", "120000.00"],
        ["3", "USD", "2025-02-01", "50000.50"],
        ["4", "EUR", "2025-03-14", "20000.25"],
      ]);
      const periods = elements(rich, "result/indicator/period");
      // In date order: the target's own period (activity start → target date) comes before the values' period.
      expect(periods.map((p) => [attr(p.get("period-start") as XmlElement, "iso-date"), attr(p.get("period-end") as XmlElement, "iso-date")])).toEqual([
        ["2024-07-01", "2026-12-31"],
        ["2025-01-01", "2025-06-30"],
      ]);
      expect(elements(periods[0] as XmlElement, "actual")).toEqual([]);
      const actuals = elements(periods[1] as XmlElement, "actual").map((a) => [
        attr(a, "value"),
        elements(a, "dimension").map((d) => `${attr(d, "name")}=${attr(d, "value")}`),
      ]);
      // The total first, then by sex (total, female, male, other), age, disability, location (docs/iati.md).
      expect(actuals).toEqual([
        ["120.00", []],
        ["12.00", ["age=18-24", "location=rural"]],
        ["70.00", ["sex=female"]],
        ["50.00", ["sex=male"]],
      ]);
      expect(attr(periods[0]?.get("target") as XmlElement, "value")).toBe("500.00");
      expect(periods[1]?.get("target")).toBeNull();
      expect(attr(rich.get("result/indicator/baseline") as XmlElement, "year")).toBe("2023");
      expect(elements(rich, "tag[@vocabulary='3']").map((t) => attr(t, "code"))).toEqual(["4.7", "16.10"]);
      expect(elements(rich, "policy-marker").map((p) => [attr(p, "code"), attr(p, "significance")])).toEqual([
        ["1", "1"],
        ["11", "2"],
      ]);
      expect(attr(rich.get("humanitarian-scope") as XmlElement, "code")).toBe("EP-2020-000012-001");
      expect(attr(rich.get("default-aid-type") as XmlElement, "code")).toBe("D02");
      expect(attr(rich.get("document-link") as XmlElement, "format")).toBe("application/pdf");
      // By role, then name: "Government of Norway" before "UNESCO (test)".
      expect(elements(rich, "participating-org").map((p) => [attr(p, "role"), attr(p, "ref")])).toEqual([
        ["1", "XM-DAC-8"],
        ["1", "XM-DAC-41304"],
        ["4", "XM-DAC-41313"],
      ]);
    });
  });

  it("filters by provider and by country, and refuses unknown ones with a clear message", async () => {
    expect(identifiers((await exportXml({ providerSlug: f.ohchr.slug })).xml)).toEqual([richId]);
    expect(identifiers((await exportXml({ providerSlug: f.unesco.slug })).xml)).toEqual([simpleId]);
    expect(identifiers((await exportXml({ countryIso3: "mar" })).xml)).toEqual([simpleId]);
    const none = await exportXml({ providerSlug: f.unesco.slug, countryIso3: "SEN" });
    expect(none.report).toEqual({ exported: 0, excluded: [] });
    expect(none.xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n</iati-activities>\n');
    await expect(exportXml({ providerSlug: "no-such-provider" })).rejects.toMatchObject({ code: "invalid_input", problems: [{ field: "provider" }] });
    await expect(exportXml({ countryIso3: "XXX" })).rejects.toMatchObject({ code: "invalid_input", problems: [{ field: "country" }] });
    await expect(exportXml({ countryIso3: "SENE" })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("is deterministic: the same data gives the same bytes, dated by the data, not by the clock", async () => {
    const again = await exportXml();
    expect(again.xml).toBe(all.xml);
    const generated = /generated-datetime="([^"]+)"/.exec(all.xml)?.[1];
    const updated = [...all.xml.matchAll(/last-updated-datetime="([^"]+)"/g)].map((m) => m[1] as string);
    expect(generated).toBe(updated.sort().at(-1));
    expect(generated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("validates with Debian's xmllint --nonet --schema when it is installed (required in CI), organisation file too", async () => {
    const available = spawnSync("xmllint", ["--version"]).error === undefined;
    if (!available) {
      expect(process.env.CI, "xmllint is missing: CI must install libxml2-utils (.ci/run) so that this check cannot be skipped").toBeFalsy();
      return;
    }
    let organisation = "";
    await exportIatiOrganisation(server.handle.db, f.unesco.slug, (chunk) => {
      organisation += chunk;
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-iati-"));
    try {
      for (const [kind, xml] of [
        ["activities", all.xml],
        ["organisations", organisation],
      ] as const) {
        const file = path.join(dir, `${kind}.xml`);
        fs.writeFileSync(file, xml);
        const schema = path.resolve(import.meta.dirname, `../resources/iati/schemas/iati-${kind}-schema.xsd`);
        const r = spawnSync("xmllint", ["--nonet", "--noout", "--schema", schema, file], { encoding: "utf8" });
        expect(r.stderr).toContain(`${file} validates`);
        expect(r.status).toBe(0);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("IATI 2.03 organisation file", () => {
  it("is valid against the organisations schema, with total expenditure per year from disbursements and expenditures", async () => {
    let xml = "";
    const report = await exportIatiOrganisation(server.handle.db, f.unesco.slug, (chunk) => {
      xml += chunk;
    });
    expect(validateXmlText(iatiValidator("organisations", "2.03"), xml)).toEqual([]);
    expect(report).toEqual({ identifier: "XM-DAC-41304", expenditureYears: [2025], yearsInSeveralCurrencies: [] });
    withDocument(xml, (doc) => {
      expect(doc.get("/iati-organisations/iati-organisation/organisation-identifier")?.content).toBe("XM-DAC-41304");
      expect(doc.get("/iati-organisations/iati-organisation/name/narrative")?.content).toBe("UNESCO (test)");
      const e = doc.get("//total-expenditure") as XmlElement;
      expect([attr(e.get("period-start") as XmlElement, "iso-date"), attr(e.get("period-end") as XmlElement, "iso-date"), e.get("value")?.content]).toEqual([
        "2025-01-01",
        "2025-12-31",
        "12000.00",
      ]);
    });
  });

  it("leaves out a year spent in several currencies, and refuses a provider without identifier or unknown", async () => {
    let xml = "";
    const report = await exportIatiOrganisation(server.handle.db, f.ohchr.slug, (chunk) => {
      xml += chunk;
    });
    expect(report.yearsInSeveralCurrencies).toEqual([2025]);
    expect(validateXmlText(iatiValidator("organisations", "2.03"), xml)).toEqual([]);
    await expect(exportIatiOrganisation(server.handle.db, f.unlisted.slug, () => {})).rejects.toMatchObject({ code: "not_found" });
    await expect(exportIatiOrganisation(server.handle.db, "no-such-provider", () => {})).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("IATI routes", () => {
  it("streams the activity file as XML with ETag and Cache-Control, and answers 304 while nothing changed", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/v1/iati/activities.xml" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(res.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    expect(res.body).toBe(all.xml);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await server.app.inject({ method: "GET", url: "/api/v1/iati/activities.xml", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const filtered = await server.app.inject({ method: "GET", url: `/api/v1/iati/activities.xml?provider=${f.unesco.slug}&country=MAR` });
    expect(filtered.statusCode).toBe(200);
    expect(filtered.headers.etag).not.toBe(etag);
    expect(identifiers(filtered.body)).toHaveLength(1);
  });

  it.each([
    ["provider=no-such-provider", "provider"],
    ["country=XXX", "country"],
    ["country=SENEGAL", "querystring.country"],
  ])("answers 400 with a clear message for %s", async (query, field) => {
    const res = await server.app.inject({ method: "GET", url: `/api/v1/iati/activities.xml?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: "invalid_input", problems: [expect.objectContaining({ field })] } });
  });

  it("serves a provider's organisation file, 404 for an unknown one, and documents both routes in OpenAPI", async () => {
    const res = await server.app.inject({ method: "GET", url: `/api/v1/iati/organisations/${f.unesco.slug}.xml` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(validateXmlText(iatiValidator("organisations", "2.03"), res.body)).toEqual([]);
    const cached = await server.app.inject({
      method: "GET",
      url: `/api/v1/iati/organisations/${f.unesco.slug}.xml`,
      headers: { "if-none-match": res.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
    expect((await server.app.inject({ method: "GET", url: "/api/v1/iati/organisations/no-such-provider.xml" })).statusCode).toBe(404);
    const paths = (await server.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json().paths as Record<string, { get?: { tags?: string[] } }>;
    const documented = Object.entries(paths).filter(([p]) => p.includes("/iati/"));
    expect(documented.map(([p, item]) => [p, item.get?.tags])).toEqual([
      ["/api/v1/iati/activities.xml", ["open data"]],
      ["/api/v1/iati/organisations/{slug}.xml", ["open data"]],
    ]);
  });
});
