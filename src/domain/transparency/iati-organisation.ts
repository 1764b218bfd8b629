import type { IatiOrgRef } from "./iati-activity.js";

// An IATI 2.03 organisation record as Passerelle publishes it for a provider (docs/iati.md "Organisation file"):
// who the provider is and what can be computed truthfully from its published activities.

/** One total-expenditure: a period of at most a year and what was spent in it, in one currency. */
export type IatiExpenditure = { periodStart: string; periodEnd: string; valueDate: string; amount: string; currency: string };

export type IatiOrganisation = {
  identifier: string;
  /** Null when the provider has no published activity (the attribute is then omitted). */
  lastUpdated: string | null;
  lang: string;
  /** Set when every expenditure is in the same currency. */
  defaultCurrency: string | null;
  name: string;
  reportingOrg: IatiOrgRef & { ref: string; type: string };
  totalExpenditure: IatiExpenditure[];
};
