import type { TableColumn } from "./hxl.js";

// The global view of school closures as a table (issue 6 item 4: CSV/HXL downloads): one row per day and status of
// one release, for the countries the query selects. Status words are the source's own (UNESCO's words, OxCGRT's C1
// level); learners only where the release gives them (never estimated).
//
// HXL tags (HXL 1.1 core hashtags, attributes lower case):
//   #date                               the day
//   #meta+release+id / #meta+release+name / #meta+source   which imported release the figure comes from
//   #status+code / #status+name         the status in the release's own scale
//   #status+comparable                  open / partial / closed across scales (empty: not comparable)
//   #indicator+countries+num            countries with that status that day
//   #indicator+countries+reporting+num  countries with any status that day
//   #affected+learners+num              learners in the countries that reported them (empty: none did)
//   #indicator+countries+learners+num   how many countries reported learners

export type ClosureDayDownloadRow = {
  day: string;
  releaseId: number;
  releaseLabel: string;
  source: string;
  scaleCode: number;
  status: string;
  comparable: string | null;
  countries: number;
  reporting: number;
  learnersTotal: number | null;
  learnersCountries: number;
};

export const CLOSURE_DAY_COLUMNS: readonly TableColumn<ClosureDayDownloadRow>[] = [
  { key: "date", header: "date", hxl: "#date", value: (r) => r.day },
  { key: "release_id", header: "release_id", hxl: "#meta+release+id", value: (r) => r.releaseId },
  { key: "release", header: "release", hxl: "#meta+release+name", value: (r) => r.releaseLabel },
  { key: "source", header: "source", hxl: "#meta+source", value: (r) => r.source },
  { key: "status_code", header: "status_code", hxl: "#status+code", value: (r) => r.scaleCode },
  { key: "status", header: "status", hxl: "#status+name", value: (r) => r.status },
  { key: "comparable", header: "comparable", hxl: "#status+comparable", value: (r) => r.comparable },
  { key: "countries", header: "countries", hxl: "#indicator+countries+num", value: (r) => r.countries },
  { key: "countries_reporting", header: "countries_reporting", hxl: "#indicator+countries+reporting+num", value: (r) => r.reporting },
  { key: "learners_total", header: "learners_total", hxl: "#affected+learners+num", value: (r) => r.learnersTotal },
  { key: "learners_countries", header: "learners_countries", hxl: "#indicator+countries+learners+num", value: (r) => r.learnersCountries },
];
