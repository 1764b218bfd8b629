import type { Organization } from "../domain/accounts/account-schemas.js";
import type { TableColumn } from "./hxl.js";

// Columns of the organizations download (HXL 1.1 #org attributes). Only organizations the viewer may see are ever
// passed in: a CSO that asked not to be listed (reprisal risk, R31) is filtered out in SQL before this.
export const ORGANIZATION_COLUMNS: TableColumn<Organization>[] = [
  { key: "slug", header: "slug", hxl: "#org+code", value: (o) => o.slug },
  { key: "name", header: "name", hxl: "#org+name", value: (o) => o.name },
  { key: "acronym", header: "acronym", hxl: "#org+acronym", value: (o) => o.acronym },
  { key: "type", header: "type", hxl: "#org+type", value: (o) => o.type },
  { key: "country_iso3", header: "country_iso3", hxl: "#country+code", value: (o) => o.countryIso3 },
  { key: "iati_ref", header: "iati_ref", hxl: "#org+id+iati", value: (o) => o.iatiRef },
  { key: "website", header: "website", hxl: "#meta+url", value: (o) => o.website },
];
