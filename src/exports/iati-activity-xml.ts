import {
  COVID19_GLIDE,
  type IatiActivity,
  type IatiIndicatorValue,
  type IatiOrgRef,
  PASSERELLE_TAG_VOCABULARIES,
} from "../domain/transparency/iati-activity.js";
import {
  distinct,
  documentFormat,
  documentOrder,
  iatiBudgets,
  indicatorOrder,
  indicatorPeriods,
  participantOrder,
  resultOrder,
  sectorPercentages,
  sorted,
  transactionOrder,
} from "./iati-activity-parts.js";
import type { XmlAttributes, XmlWriter } from "./iati-xml-writer.js";

// IatiActivity → IATI 2.03 activity XML, element by element in the order of iati-activities-schema.xsd
// (resources/iati/schemas/OUTLINE-iati-activities.txt), following docs/iati.md. Everything written is a function of
// the IatiActivity alone, with repeated elements in an order fixed by their content (iati-activity-parts.ts), so the
// same activity always gives the same bytes and export → import → export is exact.

export const IATI_VERSION = "2.03";

/** The root element's opening tag; `generatedDatetime` is omitted when null (a file with no activity). */
export function startIatiActivities(w: XmlWriter, generatedDatetime: string | null): void {
  w.declaration().start("iati-activities", [
    ["version", IATI_VERSION],
    ["generated-datetime", generatedDatetime],
  ]);
}

export function endIatiActivities(w: XmlWriter): void {
  w.end();
}

const DIMENSIONS = [
  ["sex", (v: IatiIndicatorValue) => v.sex],
  ["age", (v: IatiIndicatorValue) => v.ageBand],
  ["disability", (v: IatiIndicatorValue) => v.disability],
  ["location", (v: IatiIndicatorValue) => v.location],
] as const;

// ---- The activity ----

const isBlank = (text: string | null | undefined) => !text || text.trim() === "";

function withNarrative(w: XmlWriter, name: string, attributes: XmlAttributes, text: string): void {
  w.start(name, attributes).element("narrative", [], text).end();
}

function orgElement(w: XmlWriter, name: string, attributes: XmlAttributes, org: IatiOrgRef): void {
  if (isBlank(org.name)) w.element(name, attributes);
  else withNarrative(w, name, attributes, org.name);
}

const ACTIVITY_DATES = [
  [1, (a: IatiActivity) => a.plannedStart],
  [2, (a: IatiActivity) => a.actualStart],
  [3, (a: IatiActivity) => a.plannedEnd],
  [4, (a: IatiActivity) => a.actualEnd],
] as const;

/** One `<iati-activity>` (IATI 2.03), children in schema order. */
export function writeIatiActivity(w: XmlWriter, a: IatiActivity): void {
  w.start("iati-activity", [
    ["last-updated-datetime", a.lastUpdated],
    ["xml:lang", a.lang],
    ["default-currency", a.defaultCurrency],
  ]);
  w.element("iati-identifier", [], a.identifier);
  orgElement(
    w,
    "reporting-org",
    [
      ["ref", a.reportingOrg.ref],
      ["type", a.reportingOrg.type],
    ],
    a.reportingOrg,
  );
  withNarrative(w, "title", [], a.title);
  // Required by the schema: the Rulesets checks leave out an activity without one.
  withNarrative(w, "description", [["type", 1]], a.description);
  for (const p of sorted(a.participants, participantOrder))
    orgElement(
      w,
      "participating-org",
      [
        ["ref", p.ref],
        ["type", p.type],
        ["role", p.role],
      ],
      p,
    );
  w.element("activity-status", [["code", a.status]]);
  for (const [type, date] of ACTIVITY_DATES) {
    const iso = date(a);
    if (iso)
      w.element("activity-date", [
        ["type", type],
        ["iso-date", iso],
      ]);
  }
  w.element("recipient-country", [["code", a.recipientCountryIso2]]);
  writeClassifications(w, a);
  for (const b of iatiBudgets(a)) {
    w.start("budget", [
      ["type", b.type],
      ["status", b.status],
    ]);
    w.element("period-start", [["iso-date", b.periodStart]]).element("period-end", [["iso-date", b.periodEnd]]);
    w.element(
      "value",
      [
        ["currency", b.currency],
        ["value-date", b.valueDate],
      ],
      b.amount,
    );
    w.end();
  }
  writeTransactions(w, a);
  writeDocuments(w, a);
  writeResults(w, a);
  w.end();
}

function writeClassifications(w: XmlWriter, a: IatiActivity): void {
  const sectors = distinct(a.dacSectors);
  const percentages = sectorPercentages(sectors.length);
  for (const [i, code] of sectors.entries())
    w.element("sector", [
      ["vocabulary", 1],
      ["code", code],
      ["percentage", percentages[i]],
    ]);
  for (const code of distinct(a.sdgTargets))
    w.element("tag", [
      ["vocabulary", 3],
      ["code", code],
    ]);
  const own: [string, readonly string[]][] = [
    [PASSERELLE_TAG_VOCABULARIES.themes, a.themes],
    [PASSERELLE_TAG_VOCABULARIES.persons, a.persons],
    [PASSERELLE_TAG_VOCABULARIES.modalities, a.modalities],
    [PASSERELLE_TAG_VOCABULARIES.cooperationType, a.cooperationType ? [a.cooperationType] : []],
    [PASSERELLE_TAG_VOCABULARIES.fund, a.fund ? [a.fund] : []],
    [PASSERELLE_TAG_VOCABULARIES.covidPhase, a.covidPhase ? [a.covidPhase] : []],
  ];
  for (const [uri, codes] of own)
    for (const code of distinct(codes))
      w.element("tag", [
        ["vocabulary", 99],
        ["vocabulary-uri", uri],
        ["code", code],
      ]);
  if (a.covidContext)
    w.element("humanitarian-scope", [
      ["type", 1],
      ["vocabulary", "1-2"],
      ["code", COVID19_GLIDE],
    ]);
  for (const [code, significance] of [
    [1, a.genderMarker],
    [11, a.disabilityMarker],
  ] as const)
    if (significance !== null)
      w.element("policy-marker", [
        ["vocabulary", 1],
        ["code", code],
        ["significance", significance],
      ]);
  if (a.collaborationType) w.element("collaboration-type", [["code", a.collaborationType]]);
  if (a.flowType) w.element("default-flow-type", [["code", a.flowType]]);
  if (a.financeType) w.element("default-finance-type", [["code", a.financeType]]);
  w.element("default-aid-type", [
    ["code", a.aidType],
    ["vocabulary", 1],
  ]);
}

function writeTransactions(w: XmlWriter, a: IatiActivity): void {
  for (const t of sorted(a.transactions, transactionOrder)) {
    w.start("transaction");
    w.element("transaction-type", [["code", t.type]]);
    w.element("transaction-date", [["iso-date", t.date]]);
    w.element(
      "value",
      [
        ["currency", t.currency],
        ["value-date", t.valueDate],
      ],
      t.amount,
    );
    if (!isBlank(t.description)) withNarrative(w, "description", [], t.description);
    if (t.provider && (t.provider.ref || !isBlank(t.provider.name))) orgElement(w, "provider-org", [["ref", t.provider.ref]], t.provider);
    if (t.receiver && (t.receiver.ref || !isBlank(t.receiver.name))) orgElement(w, "receiver-org", [["ref", t.receiver.ref]], t.receiver);
    w.end();
  }
}

function writeDocuments(w: XmlWriter, a: IatiActivity): void {
  for (const d of sorted(a.documents, documentOrder)) {
    w.start("document-link", [
      ["url", d.url],
      ["format", documentFormat(d.url)],
    ]);
    withNarrative(w, "title", [], d.title);
    w.element("category", [["code", d.category]]);
    if (d.language) w.element("language", [["code", d.language]]);
    if (d.documentDate) w.element("document-date", [["iso-date", d.documentDate]]);
    w.end();
  }
}

function writeResults(w: XmlWriter, a: IatiActivity): void {
  for (const r of sorted(a.results, resultOrder)) {
    w.start("result", [["type", r.type]]);
    withNarrative(w, "title", [], r.title);
    if (!isBlank(r.description)) withNarrative(w, "description", [], r.description);
    for (const i of sorted(r.indicators, indicatorOrder)) {
      w.start("indicator", [
        ["measure", i.measure],
        ["ascending", i.ascending ? 1 : 0],
      ]);
      withNarrative(w, "title", [], i.title);
      if (i.baselineYear !== null && i.baselineValue !== null)
        w.element("baseline", [
          ["year", i.baselineYear],
          ["value", i.baselineValue],
        ]);
      for (const p of indicatorPeriods(a, i)) {
        w.start("period");
        w.element("period-start", [["iso-date", p.start]]).element("period-end", [["iso-date", p.end]]);
        if (p.target !== null) w.element("target", [["value", p.target]]);
        for (const v of p.actuals) {
          const dimensions = DIMENSIONS.filter(([, of]) => of(v) !== "total");
          if (dimensions.length === 0) w.element("actual", [["value", v.value]]);
          else {
            w.start("actual", [["value", v.value]]);
            for (const [name, of] of dimensions)
              w.element("dimension", [
                ["name", name],
                ["value", of(v)],
              ]);
            w.end();
          }
        }
        w.end();
      }
      w.end();
    }
    w.end();
  }
}
