import type { Figures } from "../domain/transparency/disclosure.js";
import type { Money } from "../domain/transparency/money.js";
import type { OfferRow, RegisterActivity, SummaryRow } from "../domain/transparency/register-schemas.js";
import type { TableColumn } from "./hxl.js";

// Columns of the transparency register's downloads (R14), as CSV, HXL-tagged CSV and JSON. Hashtags follow the OCHA
// FTS files on HDX and the other Passerelle tables: #country+code, #org+name+funder, #sector+…, #date+year,
// #value+committed+usd, #value+spent+usd (disbursements and expenditure), +list for lists. Money columns are decimal
// strings: `_usd` sums every amount that could be converted; `_by_currency` lists the same amounts in their own
// currencies ("EUR 50000.00"); `_not_converted` the amounts in currencies without any rate (not in `_usd`).

const amounts = (list: { currency: string; amount: string }[]) => list.map((a) => `${a.currency} ${a.amount}`);

/** usd, by currency and not converted, for one measure. */
function moneyColumns<T>(name: string, tag: string, money: (row: T) => Money | null): TableColumn<T>[] {
  return [
    { key: `${name}_usd`, header: `${name}_usd`, hxl: `#value+${tag}+usd`, value: (r) => money(r)?.usd ?? null },
    { key: `${name}_by_currency`, header: `${name}_by_currency`, hxl: `#value+${tag}+currency+list`, value: (r) => amounts(money(r)?.byCurrency ?? []) },
    {
      key: `${name}_not_converted`,
      header: `${name}_not_converted`,
      hxl: `#value+${tag}+unconverted+list`,
      value: (r) => amounts(money(r)?.unconverted ?? []),
    },
  ];
}

function figureColumns<T>(figures: (row: T) => Figures): TableColumn<T>[] {
  return [
    { key: "activities", header: "activities", hxl: "#activity+num", value: (r) => figures(r).activities },
    { key: "withheld_included", header: "withheld_included", hxl: "#activity+withheld+num", value: (r) => figures(r).withheldIncluded },
    ...moneyColumns<T>("budget", "budget", (r) => figures(r).budget),
    ...moneyColumns<T>("committed", "committed", (r) => figures(r).committed),
    ...moneyColumns<T>("disbursed", "spent", (r) => figures(r).disbursed),
    {
      key: "nearest_year_rate",
      header: "nearest_year_rate",
      hxl: "#indicator+bool+fx_nearest",
      value: (r) => [figures(r).budget, figures(r).committed, figures(r).disbursed].some((m) => m.nearestYear),
    },
  ];
}

/** One row of a breakdown download: a cell, or the withheld groups that fall in no single cell. */
export type BreakdownDownloadRow = { rowType: "cell" | "withheld_not_broken_down"; code: string; name: string; figures: Figures };

export const BREAKDOWN_DIMENSIONS = ["provider", "theme", "modality", "status", "state"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

const KEY_TAGS: Record<BreakdownDimension, { code: [string, string]; name: [string, string] }> = {
  provider: { code: ["provider_code", "#org+code+funder"], name: ["provider", "#org+name+funder"] },
  theme: { code: ["uhri_theme", "#sector+uhri+code"], name: ["uhri_theme_name", "#sector+uhri+name"] },
  modality: { code: ["modality", "#activity+modality+code"], name: ["modality_name", "#activity+modality+name"] },
  status: { code: ["status_code", "#status+code"], name: ["status", "#status+text"] },
  state: { code: ["recipient_country", "#country+code"], name: ["recipient_country_name", "#country+name"] },
};

export function breakdownColumns(dimension: BreakdownDimension): TableColumn<BreakdownDownloadRow>[] {
  const k = KEY_TAGS[dimension];
  return [
    { key: "row_type", header: "row_type", hxl: "#meta+row+type", value: (r) => r.rowType },
    { key: k.code[0], header: k.code[0], hxl: k.code[1], value: (r) => r.code },
    { key: k.name[0], header: k.name[0], hxl: k.name[1], value: (r) => r.name },
    ...figureColumns<BreakdownDownloadRow>((r) => r.figures),
  ];
}

/** By year: activities and budgets by start year; commitments and disbursements by the year of each transaction. */
export type YearDownloadRow = { rowType: "cell" | "withheld_not_broken_down"; year: string } & Figures;

export const YEAR_COLUMNS: TableColumn<YearDownloadRow>[] = [
  { key: "row_type", header: "row_type", hxl: "#meta+row+type", value: (r) => r.rowType },
  { key: "year", header: "year", hxl: "#date+year", value: (r) => r.year },
  ...figureColumns<YearDownloadRow>((r) => r),
];

/** Commitments and disbursements by the year of each transaction (the global register's chart). */
export type FlowYearDownloadRow = { rowType: "cell" | "withheld_not_broken_down"; year: string; committed: Money; disbursed: Money };

export const FLOW_YEAR_COLUMNS: TableColumn<FlowYearDownloadRow>[] = [
  { key: "row_type", header: "row_type", hxl: "#meta+row+type", value: (r) => r.rowType },
  { key: "year", header: "year", hxl: "#date+year", value: (r) => r.year },
  ...moneyColumns<FlowYearDownloadRow>("committed", "committed", (r) => r.committed),
  ...moneyColumns<FlowYearDownloadRow>("disbursed", "spent", (r) => r.disbursed),
];

export const STATE_SUMMARY_COLUMNS: TableColumn<SummaryRow>[] = [
  { key: "recipient_country", header: "recipient_country", hxl: "#country+code", value: (r) => r.stateIso3 },
  { key: "recipient_country_name", header: "recipient_country_name", hxl: "#country+name", value: (r) => r.stateName },
  { key: "requests", header: "requests", hxl: "#activity+requested+num", value: (r) => r.requests },
  { key: "offers", header: "offers", hxl: "#activity+offered+num", value: (r) => r.offers },
  ...figureColumns<SummaryRow>((r) => r),
];

export type CountDownloadRow = { dimension: "status" | "year" | "theme"; code: string; name: string; count: number };

export const REQUEST_COUNT_COLUMNS: TableColumn<CountDownloadRow>[] = [
  { key: "dimension", header: "dimension", hxl: "#meta+dimension", value: (r) => r.dimension },
  { key: "code", header: "code", hxl: "#meta+code", value: (r) => r.code },
  { key: "name", header: "name", hxl: "#meta+name", value: (r) => r.name },
  { key: "requests", header: "requests", hxl: "#activity+requested+num", value: (r) => r.count },
];

export function offerColumns(dimension: "provider" | "state"): TableColumn<OfferRow & { name: string }>[] {
  const k = KEY_TAGS[dimension];
  return [
    { key: k.code[0], header: k.code[0], hxl: k.code[1], value: (r) => (dimension === "provider" ? (r.slug ?? r.key) : r.key) },
    { key: k.name[0], header: k.name[0], hxl: k.name[1], value: (r) => r.name },
    { key: "offers", header: "offers", hxl: "#activity+offered+num", value: (r) => r.offers },
    ...moneyColumns<OfferRow & { name: string }>("budget", "budget", (r) => r.budget),
  ];
}

/** The State's activities the viewer may see, with their money. `statusName` is the IATI ActivityStatus name. */
export function registerActivityColumns(statusName: (code: number) => string, baseUrl: string): TableColumn<RegisterActivity>[] {
  return [
    { key: "iati_identifier", header: "iati_identifier", hxl: "#activity+code+iati", value: (a) => a.iatiIdentifier },
    { key: "title", header: "title", hxl: "#activity+name", value: (a) => a.title },
    { key: "recipient_country", header: "recipient_country", hxl: "#country+code", value: (a) => a.stateIso3 },
    { key: "provider_code", header: "provider_code", hxl: "#org+code+funder", value: (a) => a.provider.slug },
    { key: "provider", header: "provider", hxl: "#org+name+funder", value: (a) => a.provider.name },
    { key: "status_code", header: "status_code", hxl: "#status+code", value: (a) => a.status },
    { key: "status", header: "status", hxl: "#status+text", value: (a) => statusName(a.status) },
    { key: "planned_start", header: "planned_start", hxl: "#date+start+planned", value: (a) => a.plannedStart },
    { key: "planned_end", header: "planned_end", hxl: "#date+end+planned", value: (a) => a.plannedEnd },
    { key: "actual_start", header: "actual_start", hxl: "#date+start+actual", value: (a) => a.actualStart },
    { key: "actual_end", header: "actual_end", hxl: "#date+end+actual", value: (a) => a.actualEnd },
    { key: "uhri_themes", header: "uhri_themes", hxl: "#sector+uhri+code+list", value: (a) => a.themes },
    { key: "modalities", header: "modalities", hxl: "#activity+modality+list", value: (a) => a.modalities },
    ...moneyColumns<RegisterActivity>("budget", "budget", (a) => a.budget),
    ...moneyColumns<RegisterActivity>("committed", "committed", (a) => a.committed),
    ...moneyColumns<RegisterActivity>("disbursed", "spent", (a) => a.disbursed),
    // Years whose rate converted amounts dated in a year without one (the nearest-year rule).
    { key: "exchange_rate_years", header: "exchange_rate_years", hxl: "#date+year+fx+list", value: (a) => a.rateYears },
    { key: "passerelle_id", header: "passerelle_id", hxl: "#activity+id+passerelle", value: (a) => a.id },
    { key: "url", header: "url", hxl: "#meta+url", value: (a) => `${baseUrl}/activities/${a.id}` },
  ];
}
