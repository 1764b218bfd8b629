import type { CountrySummary } from "../domain/reference/reference-schemas.js";
import type { TableColumn } from "./hxl.js";

// Columns of the countries download: UNSD M49 codes and names, ISO 3166-1 codes, the UN regional group and the
// designations valid today (UN member or observer, LDC, LLDC, SIDS). #country+code is ISO alpha-3, as in FTS.
export const COUNTRY_COLUMNS: TableColumn<CountrySummary>[] = [
  { key: "iso3", header: "iso3", hxl: "#country+code", value: (c) => c.iso3 },
  { key: "iso2", header: "iso2", hxl: "#country+code+iso2", value: (c) => c.iso2 },
  { key: "m49", header: "m49", hxl: "#country+code+m49", value: (c) => c.m49 },
  { key: "name", header: "name", hxl: "#country+name", value: (c) => c.name },
  { key: "region", header: "region", hxl: "#region+name", value: (c) => c.region },
  { key: "subregion", header: "subregion", hxl: "#region+name+sub", value: (c) => c.subregion },
  { key: "intermediate_region", header: "intermediate_region", hxl: "#region+name+intermediate", value: (c) => c.intermediateRegion },
  { key: "regional_group", header: "regional_group", hxl: "#group+code+regional", value: (c) => c.regionalGroup },
  { key: "designations", header: "designations", hxl: "#indicator+designation+list", value: (c) => c.designations },
];
