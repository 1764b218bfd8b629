import {
  COVID19_GLIDE,
  type IatiActivity,
  type IatiDocument,
  type IatiOrgRef,
  type IatiParticipant,
  type IatiTransaction,
  PASSERELLE_TAG_VOCABULARIES,
} from "../domain/transparency/iati-activity.js";
import type { IatiXmlElement } from "./iati-activity-reader.js";
import { readResult } from "./iati-results-xml.js";
import { fromCents, MAX_CENTS, toCents, utcSeconds } from "./iati-values.js";
import { attr, ElementReader, type IatiCodeUse, type IatiLineProblem, kid, kids } from "./iati-xml-context.js";

export type { IatiCodeUse, IatiLineProblem } from "./iati-xml-context.js";

// One <iati-activity> element (as the reader hands it out) read into the IatiActivity shape, following
// docs/iati.md. What the file says is kept as it says it; what Passerelle cannot hold is reported as a problem
// (the activity is then skipped with that reason) or, when leaving a part out keeps the rest true, as a note.
// Every code read is listed with its line, so the import checks it against the codelists in one place.

export type ParsedIatiActivity = {
  activity: IatiActivity;
  /** Every recipient-country (the import needs exactly one), and how many recipient-region elements there are. */
  recipientCountries: { code: string; line: number }[];
  recipientRegions: number;
  codes: IatiCodeUse[];
  /** What cannot be mapped: the activity is skipped with these reasons. */
  problems: IatiLineProblem[];
  /** What was left out of an activity that is imported anyway. */
  notes: string[];
};

/** IATI ActivityDateType → the activity's date fields. */
const DATE_FIELDS = { "1": "plannedStart", "2": "actualStart", "3": "plannedEnd", "4": "actualEnd" } as const;
/** DAC policy markers Passerelle keeps (PolicyMarker codelist, vocabulary 1): 1 gender equality, 11 disability. */
const MARKERS = { "1": "genderMarker", "11": "disabilityMarker" } as const;

export function parseIatiActivity(element: IatiXmlElement, fallback: { lastUpdated: string | null } = { lastUpdated: null }): ParsedIatiActivity {
  const r = new ActivityReader(element);
  return r.read(fallback.lastUpdated);
}

class ActivityReader extends ElementReader {
  readonly currency: string;

  constructor(readonly a: IatiXmlElement) {
    super((attr(a, "xml:lang") ?? "en").toLowerCase());
    this.code("iati:Language", this.lang, a.line, "xml:lang");
    // IATI 2.03: a value without @currency is in the activity's default currency.
    const firstCurrency = a.children.flatMap((c) => kids(c, "value")).find((v) => attr(v, "currency"));
    this.currency = (attr(a, "default-currency") ?? attr(firstCurrency, "currency") ?? "USD").toUpperCase();
    this.code("iati:Currency", this.currency, a.line, "default-currency");
  }

  read(fallbackLastUpdated: string | null): ParsedIatiActivity {
    const a = this.a;
    const reporting = kid(a, "reporting-org");
    const dates = this.dates();
    const tags = this.tags();
    const activity: IatiActivity = {
      identifier: kid(a, "iati-identifier")?.text.trim() ?? "",
      lastUpdated: this.lastUpdated(fallbackLastUpdated),
      lang: this.lang,
      defaultCurrency: this.currency,
      reportingOrg: { ...this.orgRef(reporting), ref: attr(reporting, "ref") ?? "" },
      title: this.narrative(kid(a, "title")),
      description: this.narrative(kids(a, "description").find((d) => (attr(d, "type") ?? "1") === "1")),
      participants: kids(a, "participating-org").map((p) => this.participant(p)),
      status: this.status(),
      ...dates,
      recipientCountryIso2: attr(kid(a, "recipient-country"), "code")?.toUpperCase() ?? "",
      dacSectors: this.dacSectors(),
      sdgTargets: this.sdgTargets(),
      ...tags,
      covidContext: kids(a, "humanitarian-scope").some(
        (h) => attr(h, "type") === "1" && attr(h, "vocabulary") === "1-2" && attr(h, "code")?.toUpperCase() === COVID19_GLIDE,
      ),
      ...this.markers(),
      collaborationType: this.classification("collaboration-type", "iati:CollaborationType"),
      flowType: this.classification("default-flow-type", "iati:FlowType"),
      financeType: this.classification("default-finance-type", "iati:FinanceType"),
      aidType: this.aidType(),
      budgetAmount: this.budgetAmount(),
      transactions: this.transactions(),
      documents: kids(a, "document-link").flatMap((d) => this.document(d)),
      results: kids(a, "result").map((r) => readResult(this, r)),
    };
    if (!activity.identifier) this.problem(a.line, "the activity has no iati-identifier");
    if (!activity.reportingOrg.ref) this.problem(reporting?.line ?? a.line, "the reporting-org has no @ref (IATI organisation identifier)");
    if (!activity.title) activity.title = activity.identifier;
    return {
      activity,
      recipientCountries: kids(a, "recipient-country").map((c) => ({ code: (attr(c, "code") ?? "").toUpperCase(), line: c.line })),
      recipientRegions: kids(a, "recipient-region").length,
      codes: this.codes,
      problems: this.problems,
      notes: this.notes,
    };
  }

  private orgRef(e: IatiXmlElement | undefined): IatiOrgRef {
    const ref = attr(e, "ref");
    const type = attr(e, "type");
    if (e) this.code("iati:OrganisationType", type, e.line, `${e.name}/@type`);
    // The name is the narrative only: an organisation known by its identifier alone stays nameless, as published.
    return { ref, type, name: this.narrative(e) };
  }

  private participant(p: IatiXmlElement): IatiParticipant {
    const role = attr(p, "role") ?? "";
    this.code("iati:OrganisationRole", role, p.line, "participating-org/@role");
    return { ...this.orgRef(p), role: Number(role) };
  }

  /** "" when neither the activity nor the file says when it was last updated: imported once, never updated. */
  private lastUpdated(fallback: string | null): string {
    const given = attr(this.a, "last-updated-datetime");
    const value = utcSeconds(given ?? fallback);
    if (value) return value;
    if (given) this.problem(this.a.line, `@last-updated-datetime "${given}" is not a date and time`);
    else this.notes.push("no @last-updated-datetime: a later import of this activity cannot tell whether it changed, and keeps it as it is");
    return "";
  }

  private status(): number {
    const s = kid(this.a, "activity-status");
    const code = attr(s, "code");
    if (!s || code === null) {
      this.problem(this.a.line, "the activity has no activity-status");
      return 1;
    }
    this.code("iati:ActivityStatus", code, s.line, "activity-status");
    return Number(code);
  }

  private dates(): Pick<IatiActivity, "plannedStart" | "actualStart" | "plannedEnd" | "actualEnd"> {
    const out = { plannedStart: null, actualStart: null, plannedEnd: null, actualEnd: null } as Record<
      (typeof DATE_FIELDS)[keyof typeof DATE_FIELDS],
      string | null
    >;
    for (const d of kids(this.a, "activity-date")) {
      const field = DATE_FIELDS[(attr(d, "type") ?? "") as keyof typeof DATE_FIELDS];
      if (field && out[field] === null) out[field] = this.date(d, "iso-date");
    }
    // The database holds no end before its start (IATI Rulesets 11.1.2 says the same): the end is left out.
    const line = kid(this.a, "activity-date")?.line ?? this.a.line;
    for (const [kind, start, end] of [
      ["planned", "plannedStart", "plannedEnd"],
      ["actual", "actualStart", "actualEnd"],
    ] as const) {
      if (out[start] && out[end] && (out[end] as string) < (out[start] as string)) {
        this.notes.push(`${kind} end date left out: ${out[end]} is before the ${kind} start ${out[start]} (line ${line})`);
        out[end] = null;
      }
    }
    return out;
  }

  private dacSectors(): string[] {
    const out: string[] = [];
    for (const s of kids(this.a, "sector")) {
      // IATI 2.03: a sector without @vocabulary is a DAC 5-digit purpose code (vocabulary 1).
      if ((attr(s, "vocabulary") ?? "1") !== "1") continue;
      const code = attr(s, "code") ?? "";
      this.code("iati:Sector", code, s.line, "sector (DAC 5-digit)");
      if (!out.includes(code)) out.push(code);
    }
    return out;
  }

  /** SDG targets: tag vocabulary 3, and sector vocabulary 8 (the other way publishers tag them). */
  private sdgTargets(): string[] {
    const found = [...kids(this.a, "tag").filter((t) => attr(t, "vocabulary") === "3"), ...kids(this.a, "sector").filter((s) => attr(s, "vocabulary") === "8")];
    const out: string[] = [];
    for (const e of found) {
      // The UN numbers lettered targets in lower case ("4.c"); publishers often write "4.C".
      const code = (attr(e, "code") ?? "").toLowerCase();
      this.code("sdg-target", code, e.line, `${e.name} vocabulary ${attr(e, "vocabulary")} (SDG target)`);
      if (!out.includes(code)) out.push(code);
    }
    return out;
  }

  private tags(): Pick<IatiActivity, "themes" | "persons" | "modalities" | "cooperationType" | "fund" | "covidPhase"> {
    const byUri = (uri: string, codelist: string | null) =>
      kids(this.a, "tag")
        .filter((t) => attr(t, "vocabulary") === "99" && attr(t, "vocabulary-uri") === uri)
        .map((t) => {
          const code = attr(t, "code") ?? "";
          if (codelist) this.code(codelist, code, t.line, `tag ${uri}`);
          return code;
        })
        .filter((c, i, all) => all.indexOf(c) === i);
    const V = PASSERELLE_TAG_VOCABULARIES;
    return {
      themes: byUri(V.themes, "uhri-theme"),
      persons: byUri(V.persons, "uhri-persons"),
      modalities: byUri(V.modalities, "modality"),
      cooperationType: byUri(V.cooperationType, "cooperation-type")[0] ?? null,
      fund: byUri(V.fund, null)[0] ?? null,
      covidPhase: byUri(V.covidPhase, "covid-phase")[0] ?? null,
    };
  }

  private markers(): Pick<IatiActivity, "genderMarker" | "disabilityMarker"> {
    const out: Pick<IatiActivity, "genderMarker" | "disabilityMarker"> = { genderMarker: null, disabilityMarker: null };
    for (const m of kids(this.a, "policy-marker")) {
      const field = MARKERS[(attr(m, "code") ?? "") as keyof typeof MARKERS];
      if ((attr(m, "vocabulary") ?? "1") !== "1" || !field || out[field] !== null) continue;
      const significance = attr(m, "significance");
      if (significance === null) continue;
      if (!["0", "1", "2"].includes(significance)) {
        this.problem(
          m.line,
          `policy-marker ${attr(m, "code")} has significance ${significance}: the DAC marker takes 0 (not targeted), 1 (significant) or 2 (principal)`,
        );
        continue;
      }
      out[field] = Number(significance);
    }
    return out;
  }

  private classification(name: string, codelist: string): string | null {
    const e = kid(this.a, name);
    const code = attr(e, "code");
    if (e) this.code(codelist, code, e.line, name);
    return code;
  }

  /** OECD DAC aid type (vocabulary 1); D02 "other technical assistance" when the file gives none (docs/iati.md). */
  private aidType(): string {
    const e = kids(this.a, "default-aid-type").find((t) => (attr(t, "vocabulary") ?? "1") === "1");
    const code = attr(e, "code");
    if (!e || code === null) return "D02";
    this.code("iati:AidType", code, e.line, "default-aid-type");
    return code;
  }

  /** The sum of the revised budgets if any, else of the original ones, when all are in the default currency. */
  private budgetAmount(): string | null {
    const budgets = kids(this.a, "budget");
    const revised = budgets.filter((b) => attr(b, "type") === "2");
    const chosen = revised.length > 0 ? revised : budgets.filter((b) => (attr(b, "type") ?? "1") === "1");
    if (chosen.length === 0) return null;
    let sum = 0n;
    for (const b of chosen) {
      const v = kid(b, "value");
      const cents = v ? toCents(v.text) : null;
      if (!v || cents === null) {
        this.problem(v?.line ?? b.line, `budget value "${v?.text.trim() ?? ""}" is not a number`);
        return null;
      }
      if ((attr(v, "currency")?.toUpperCase() ?? this.currency) !== this.currency) {
        this.notes.push(`budget left out: some budgets are not in the default currency ${this.currency} (line ${v.line})`);
        return null;
      }
      sum += cents;
    }
    if (sum < 0n || sum >= MAX_CENTS) {
      this.notes.push(`budget left out: the budgets add up to ${fromCents(sum)}, which Passerelle cannot record`);
      return null;
    }
    return fromCents(sum);
  }

  private transactions(): IatiTransaction[] {
    const read = kids(this.a, "transaction").flatMap((t) => {
      const value = this.transaction(t);
      return value ? [{ line: t.line, value }] : [];
    });
    // IATI allows negative values (reversals, corrections): kept as published, so totals match the publisher's.
    return read.map((x) => x.value);
  }

  private transaction(t: IatiXmlElement): IatiTransaction | null {
    const typeElement = kid(t, "transaction-type");
    const type = attr(typeElement, "code");
    this.code("iati:TransactionType", type ?? "", typeElement?.line ?? t.line, "transaction-type");
    const date = this.date(kid(t, "transaction-date"), "iso-date");
    const v = kid(t, "value");
    const cents = v ? toCents(v.text) : null;
    if (!date) this.problem(t.line, "a transaction has no transaction-date");
    if (!v || cents === null) this.problem(v?.line ?? t.line, `transaction value "${v?.text.trim() ?? ""}" is not a number`);
    else if (cents >= MAX_CENTS || -cents >= MAX_CENTS) this.problem(v.line, `transaction value ${v.text.trim()} is too large`);
    if (!date || !v || cents === null) return null;
    const currency = (attr(v, "currency") ?? this.currency).toUpperCase();
    this.code("iati:Currency", currency, v.line, "transaction value/@currency");
    const party = (name: string) => {
      const e = kid(t, name);
      return e ? this.orgRef(e) : null;
    };
    return {
      type: Number(type),
      date,
      valueDate: this.date(v, "value-date") ?? date,
      amount: fromCents(cents),
      currency,
      description: this.narrative(kid(t, "description")),
      provider: party("provider-org"),
      receiver: party("receiver-org"),
    };
  }

  private document(d: IatiXmlElement): IatiDocument[] {
    const url = attr(d, "url") ?? "";
    const category = attr(kid(d, "category"), "code");
    if (category === null) {
      this.problem(d.line, "a document-link has no category");
      return [];
    }
    this.code("iati:DocumentCategory", category, kid(d, "category")?.line ?? d.line, "document-link/category");
    const language = attr(kid(d, "language"), "code")?.toLowerCase() ?? this.lang;
    this.code("iati:Language", language, kid(d, "language")?.line ?? d.line, "document-link/language");
    return [{ title: this.narrative(kid(d, "title")) || url, url, category, language, documentDate: this.date(kid(d, "document-date"), "iso-date") }];
  }
}
