import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db-harness.js";
import type { DbHandle } from "../../store/db.js";
import { loadIatiCodes } from "./iati-activity-load.js";
import type { IatiActivity } from "./iati-activity.js";
import type { IatiOrganisation } from "./iati-organisation.js";
import { checkIatiActivity, checkIatiOrganisation, type IatiCodes } from "./iati-rules.js";

// The IATI Rulesets 2.03 checks of docs/iati.md, one row per check: a valid activity with one thing changed must
// fail exactly that check. Codes are checked against the IATI codelists as loaded in a real database.

const NOW = new Date("2026-11-29T12:00:00Z");
let h: DbHandle;
let codes: IatiCodes;

beforeAll(async () => {
  h = await createTestDb();
  codes = await loadIatiCodes(h.db, "2026-11-29");
});
afterAll(async () => {
  await h?.close();
});

const valid = (): IatiActivity => ({
  identifier: "XM-DAC-41313-SEN-0001",
  lastUpdated: "2026-11-01T09:30:00Z",
  lang: "fr",
  defaultCurrency: "USD",
  reportingOrg: { ref: "XM-DAC-41313", type: "40", name: "Office of the United Nations High Commissioner for Human Rights" },
  title: "Formation des enseignants aux droits de l'homme",
  description: "Ateliers et accompagnement.",
  participants: [
    { ref: "XM-DAC-41313", type: "40", name: "OHCHR", role: 4 },
    { ref: null, type: "10", name: "Government of Norway", role: 1 },
  ],
  status: 2,
  plannedStart: "2025-01-01",
  actualStart: "2025-01-15",
  plannedEnd: "2027-06-30",
  actualEnd: null,
  recipientCountryIso2: "SN",
  dacSectors: ["15160", "11110"],
  sdgTargets: ["4.7", "16.10"],
  themes: ["E5"],
  persons: [],
  modalities: ["training"],
  cooperationType: "multilateral",
  fund: null,
  covidContext: false,
  covidPhase: null,
  genderMarker: 1,
  disabilityMarker: 2,
  collaborationType: "2",
  flowType: "10",
  financeType: "110",
  aidType: "D02",
  budgetAmount: "250000.00",
  transactions: [
    {
      type: 3,
      date: "2025-03-01",
      valueDate: "2025-03-01",
      amount: "1000.50",
      currency: "EUR",
      description: "",
      provider: null,
      receiver: { ref: null, type: null, name: "Ministère de l'Éducation" },
    },
  ],
  documents: [{ title: "Rapport", url: "https://example.org/r.pdf", category: "A07", language: "fr", documentDate: "2025-06-01" }],
  results: [
    {
      type: 1,
      title: "Enseignants formés",
      description: "",
      indicators: [
        {
          title: "Nombre d'enseignants formés",
          measure: 1,
          ascending: true,
          baselineYear: 2024,
          baselineValue: "0.00",
          targetValue: "500.00",
          targetDate: "2026-12-31",
          values: [
            { periodStart: "2025-01-01", periodEnd: "2025-12-31", value: "120.00", sex: "total", ageBand: "total", disability: "total", location: "total" },
            { periodStart: "2025-01-01", periodEnd: "2025-12-31", value: "70.00", sex: "female", ageBand: "total", disability: "total", location: "total" },
          ],
        },
      ],
    },
  ],
});

type Case = [rule: string, change: (a: IatiActivity) => void];

const CASES: Case[] = [
  [
    "1.1.21",
    (a) => {
      a.identifier = "XM-DAC-41304-SEN-0001";
    },
  ],
  [
    "1.1.21",
    (a) => {
      a.identifier = "XM-DAC-413130001";
    },
  ],
  [
    "1.1.3",
    (a) => {
      a.identifier = "XM-DAC-41313";
    },
  ],
  [
    "1.3.1",
    (a) => {
      a.identifier = "XM-DAC-41313-SEN-0001 ";
    },
  ],
  [
    "1.3.13",
    (a) => {
      a.identifier = "XM-DAC-41313-SEN/0001";
    },
  ],
  [
    "1.3.13",
    (a) => {
      a.identifier = "XM-DAC-41313-A&B";
    },
  ],
  [
    "1.14.1",
    (a) => {
      a.reportingOrg.ref = "";
    },
  ],
  ["6.11.1", (a) => Object.assign(a, { plannedStart: null, actualStart: null })],
  [
    "11.1.2",
    (a) => {
      a.plannedEnd = "2024-12-31";
    },
  ],
  [
    "11.1.3",
    (a) => {
      a.actualEnd = "2025-01-14";
    },
  ],
  [
    "11.1.4",
    (a) => {
      a.actualStart = "2026-12-01";
    },
  ],
  [
    "11.1.5",
    (a) => {
      a.actualEnd = "2026-11-30";
    },
  ],
  [
    "11.1.1",
    (a) => {
      a.lastUpdated = "2026-11-29T12:00:01Z";
    },
  ],
  [
    "11.2.1",
    (a) => {
      (a.transactions[0] as IatiActivity["transactions"][number]).date = "2026-11-30";
    },
  ],
  [
    "11.2.2",
    (a) => {
      (a.transactions[0] as IatiActivity["transactions"][number]).valueDate = "2027-01-01";
    },
  ],
  [
    "6.2.2",
    (a) => {
      a.dacSectors = [];
    },
  ],
  ["6.10.1", (a) => void a.participants.push({ ref: null, type: null, name: " ", role: 2 })],
  [
    "4.3.1",
    (a) => {
      a.title = "  ";
    },
  ],
  [
    "4.4.1",
    (a) => {
      a.description = "";
    },
  ],
  [
    "4.3.1",
    (a) => {
      a.results[0]!.title = "";
    },
  ],
  [
    "4.3.1",
    (a) => {
      a.results[0]!.indicators[0]!.title = "";
    },
  ],
  [
    "4.3.1",
    (a) => {
      a.documents[0]!.title = "";
    },
  ],
  [
    "8.6.1",
    (a) => {
      a.results[0]!.indicators[0]!.values[0]!.periodEnd = "2024-12-31";
    },
  ],
  [
    "8.8.1",
    (a) => {
      a.results[0]!.indicators[0]!.baselineValue = "";
    },
  ],
  [
    "8.8.1",
    (a) => {
      a.results[0]!.indicators[0]!.baselineValue = "n/a";
    },
  ],
  [
    "8.9.1",
    (a) => {
      a.results[0]!.indicators[0]!.targetValue = " ";
    },
  ],
  [
    "8.10.1",
    (a) => {
      a.results[0]!.indicators[0]!.values[1]!.value = "";
    },
  ],
  [
    "schema",
    (a) => {
      a.participants = [];
    },
  ],
  [
    "schema",
    (a) => {
      a.reportingOrg.type = null;
    },
  ],
  [
    "schema",
    (a) => {
      a.plannedStart = "2025-02-30";
    },
  ],
  [
    "schema",
    (a) => {
      a.lastUpdated = "2026-11-01 09:30";
    },
  ],
  [
    "schema",
    (a) => {
      a.lang = "fr_FR";
    },
  ],
  [
    "schema",
    (a) => {
      a.budgetAmount = "12.345";
    },
  ],
  [
    "schema",
    (a) => {
      a.results[0]!.indicators[0]!.baselineYear = 0;
    },
  ],
  [
    "schema",
    (a) => {
      a.transactions[0]!.amount = "1e5";
    },
  ],
  [
    "codelist",
    (a) => {
      a.status = 7;
    },
  ],
  [
    "codelist",
    (a) => {
      a.lang = "xx";
    },
  ],
  [
    "codelist",
    (a) => {
      a.defaultCurrency = "XYZ";
    },
  ],
  [
    "codelist",
    (a) => {
      a.reportingOrg.type = "99";
    },
  ],
  [
    "codelist",
    (a) => {
      a.participants[0]!.role = 5;
    },
  ],
  [
    "codelist",
    (a) => {
      a.recipientCountryIso2 = "";
    },
  ],
  [
    "codelist",
    (a) => {
      a.recipientCountryIso2 = "XK1";
    },
  ],
  [
    "codelist",
    (a) => {
      a.dacSectors = ["15160", "99999"];
    },
  ],
  [
    "codelist",
    (a) => {
      a.sdgTargets = ["4.99"];
    },
  ],
  [
    "codelist",
    (a) => {
      a.genderMarker = 5;
    },
  ],
  [
    "codelist",
    (a) => {
      a.collaborationType = "9";
    },
  ],
  [
    "codelist",
    (a) => {
      a.flowType = "99";
    },
  ],
  [
    "codelist",
    (a) => {
      a.financeType = "999";
    },
  ],
  [
    "codelist",
    (a) => {
      a.aidType = "Z99";
    },
  ],
  [
    "codelist",
    (a) => {
      a.transactions[0]!.type = 99;
    },
  ],
  [
    "codelist",
    (a) => {
      a.transactions[0]!.currency = "EURO";
    },
  ],
  [
    "codelist",
    (a) => {
      a.documents[0]!.category = "Z99";
    },
  ],
  [
    "codelist",
    (a) => {
      a.documents[0]!.language = "zz";
    },
  ],
  [
    "codelist",
    (a) => {
      a.results[0]!.type = 4;
    },
  ],
  [
    "codelist",
    (a) => {
      a.results[0]!.indicators[0]!.measure = 6;
    },
  ],
];

describe("IATI Rulesets 2.03 checks of an activity", () => {
  it("a complete activity passes every check", () => {
    expect(checkIatiActivity(valid(), codes, NOW)).toEqual([]);
  });

  it.each(CASES)("fails %s (case %#)", (rule, change) => {
    const a = valid();
    change(a);
    const failures = checkIatiActivity(a, codes, NOW);
    expect(failures.map((f) => f.rule)).toContain(rule);
    expect(failures.every((f) => f.message.length > 10)).toBe(true);
  });

  it("names the rule and the value in the message", () => {
    const a = valid();
    a.dacSectors = ["15160", "99999"];
    a.identifier = "XM-DAC-41304-X";
    expect(checkIatiActivity(a, codes, NOW).map((f) => f.message)).toEqual([
      "Rulesets 1.1.21: the identifier XM-DAC-41304-X does not start with the reporting organisation's identifier XM-DAC-41313-",
      'DAC sector "99999" is not in the IATI Sector codelist',
    ]);
  });

  it("budget periods of a long activity are each at most a year (7.5.3) and ordered (8.6.3)", () => {
    const a = valid();
    Object.assign(a, { plannedStart: "2024-02-29", plannedEnd: "2029-02-28", budgetAmount: "1000000.01" });
    expect(checkIatiActivity(a, codes, NOW)).toEqual([]);
  });

  it("accepts one sector, many sectors, and no budget without dates", () => {
    for (const sectors of [["15160"], ["15160", "11110", "15150"], ["15160", "11110", "15150", "15130", "15170", "15180", "15190"]]) {
      const a = valid();
      a.dacSectors = sectors;
      expect(checkIatiActivity(a, codes, NOW)).toEqual([]);
    }
    const a = valid();
    Object.assign(a, { plannedEnd: null, actualEnd: null });
    a.results[0]!.indicators[0]!.targetDate = null;
    expect(checkIatiActivity(a, codes, NOW)).toEqual([]);
  });
});

const organisation = (): IatiOrganisation => ({
  identifier: "XM-DAC-41313",
  lastUpdated: "2026-11-01T09:30:00Z",
  lang: "en",
  defaultCurrency: "USD",
  name: "Office of the United Nations High Commissioner for Human Rights",
  reportingOrg: { ref: "XM-DAC-41313", type: "40", name: "Office of the United Nations High Commissioner for Human Rights" },
  totalExpenditure: [{ periodStart: "2025-01-01", periodEnd: "2025-12-31", valueDate: "2025-12-31", amount: "120000.00", currency: "USD" }],
});

describe("IATI Rulesets 2.03 checks of an organisation", () => {
  it("a provider with an org-id.guide identifier passes", () => {
    expect(checkIatiOrganisation(organisation(), codes, NOW)).toEqual([]);
  });

  it.each<[string, (o: IatiOrganisation) => void]>([
    [
      "1.18.8",
      (o) => {
        o.reportingOrg.ref = "41313";
      },
    ],
    [
      "1.18.1",
      (o) => {
        o.reportingOrg.ref = " XM-DAC-41313";
      },
    ],
    [
      "1.18.13",
      (o) => {
        o.reportingOrg.ref = "XM-DAC-41313|X";
      },
    ],
    [
      "1.12.1",
      (o) => {
        o.identifier = "XM-DAC-41313 ";
      },
    ],
    [
      "1.12.13",
      (o) => {
        o.identifier = "XM-DAC-413?13";
      },
    ],
    [
      "11.4.1",
      (o) => {
        o.lastUpdated = "2027-01-01T00:00:00Z";
      },
    ],
    [
      "7.5.3",
      (o) => {
        o.totalExpenditure[0]!.periodEnd = "2026-01-01";
      },
    ],
    [
      "8.6.3",
      (o) => {
        o.totalExpenditure[0]!.periodEnd = "2024-12-31";
      },
    ],
    [
      "codelist",
      (o) => {
        o.totalExpenditure[0]!.currency = "XYZ";
      },
    ],
    [
      "codelist",
      (o) => {
        o.reportingOrg.type = "41";
      },
    ],
  ])("fails %s", (rule, change) => {
    const o = organisation();
    change(o);
    expect(checkIatiOrganisation(o, codes, NOW).map((f) => f.rule)).toContain(rule);
  });
});
