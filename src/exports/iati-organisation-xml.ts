import type { IatiOrganisation } from "../domain/transparency/iati-organisation.js";
import { IATI_VERSION } from "./iati-activity-xml.js";
import type { XmlWriter } from "./iati-xml-writer.js";

// IatiOrganisation → an IATI 2.03 organisation file (iati-organisations-schema.xsd) holding one organisation, its
// children in schema order: organisation-identifier, name, reporting-org, then total-expenditure per period.

export function writeIatiOrganisations(w: XmlWriter, o: IatiOrganisation): void {
  w.declaration().start("iati-organisations", [
    ["version", IATI_VERSION],
    ["generated-datetime", o.lastUpdated],
  ]);
  w.start("iati-organisation", [
    ["last-updated-datetime", o.lastUpdated],
    ["xml:lang", o.lang],
    ["default-currency", o.defaultCurrency],
  ]);
  w.element("organisation-identifier", [], o.identifier);
  w.start("name").element("narrative", [], o.name).end();
  w.start("reporting-org", [
    ["ref", o.reportingOrg.ref],
    ["type", o.reportingOrg.type],
  ]);
  w.element("narrative", [], o.reportingOrg.name).end();
  for (const e of o.totalExpenditure) {
    w.start("total-expenditure");
    w.element("period-start", [["iso-date", e.periodStart]]).element("period-end", [["iso-date", e.periodEnd]]);
    w.element(
      "value",
      [
        ["currency", e.currency],
        ["value-date", e.valueDate],
      ],
      e.amount,
    );
    w.end();
  }
  w.end().end();
}
