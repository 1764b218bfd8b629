import type { ActivityDownloadRow } from "../domain/activities/activity-download.js";
import { STATUS_NAMES } from "../domain/activities/activity-status.js";
import type { TableColumn } from "./hxl.js";

// Columns of the activity downloads. Hashtags follow OCHA FTS on HDX where the meaning matches (#country+code,
// #org+name+funder, #status+text, #description+notes, #date+updated, #financial+fx, +usd / +currency attributes of
// #value); a budget is not a funding flow, so it is #value+budget rather than FTS's #value+funding.
export const ACTIVITY_COLUMNS: TableColumn<ActivityDownloadRow>[] = [
  { key: "iati_identifier", header: "iati_identifier", hxl: "#activity+code+iati", value: (a) => a.iatiIdentifier },
  { key: "title", header: "title", hxl: "#activity+name", value: (a) => a.title },
  { key: "description", header: "description", hxl: "#description+notes", value: (a) => a.description },
  { key: "recipient_country", header: "recipient_country", hxl: "#country+code", value: (a) => a.stateIso3 },
  { key: "recipient_country_name", header: "recipient_country_name", hxl: "#country+name", value: (a) => a.stateName },
  { key: "provider", header: "provider", hxl: "#org+name+funder", value: (a) => a.providerName },
  { key: "provider_iati_ref", header: "provider_iati_ref", hxl: "#org+code+funder", value: (a) => a.providerIatiRef },
  // IATI ActivityStatus code and name.
  { key: "status_code", header: "status_code", hxl: "#status+code", value: (a) => a.status },
  { key: "status", header: "status", hxl: "#status+text", value: (a) => STATUS_NAMES[a.status as keyof typeof STATUS_NAMES] },
  { key: "planned_start", header: "planned_start", hxl: "#date+start+planned", value: (a) => a.plannedStart },
  { key: "planned_end", header: "planned_end", hxl: "#date+end+planned", value: (a) => a.plannedEnd },
  { key: "actual_start", header: "actual_start", hxl: "#date+start+actual", value: (a) => a.actualStart },
  { key: "actual_end", header: "actual_end", hxl: "#date+end+actual", value: (a) => a.actualEnd },
  { key: "budget", header: "budget", hxl: "#value+budget", value: (a) => a.budgetAmount },
  { key: "budget_currency", header: "budget_currency", hxl: "#value+budget+currency", value: (a) => a.currency },
  { key: "budget_usd", header: "budget_usd", hxl: "#value+budget+usd", value: (a) => a.budgetUsd },
  // Units of the currency per US dollar, and the year of that rate (the nearest year with one when the budget's own
  // year has none).
  { key: "units_per_usd", header: "units_per_usd", hxl: "#financial+fx", value: (a) => a.unitsPerUsd },
  { key: "exchange_rate_year", header: "exchange_rate_year", hxl: "#date+year+fx", value: (a) => a.rateYear },
  { key: "dac_sectors", header: "dac_sectors", hxl: "#sector+dac+code+list", value: (a) => a.dacSectors },
  { key: "sdg_targets", header: "sdg_targets", hxl: "#sector+sdg+code+list", value: (a) => a.sdgTargets },
  { key: "uhri_themes", header: "uhri_themes", hxl: "#sector+uhri+code+list", value: (a) => a.themes },
  { key: "modalities", header: "modalities", hxl: "#activity+modality+list", value: (a) => a.modalities },
  { key: "cooperation_type", header: "cooperation_type", hxl: "#activity+cooperation+type", value: (a) => a.cooperationType },
  { key: "visibility", header: "visibility", hxl: "#meta+visibility", value: (a) => a.visibility },
  { key: "details_withheld", header: "details_withheld", hxl: "#indicator+bool+withheld", value: (a) => a.detailsWithheld },
  { key: "last_updated", header: "last_updated", hxl: "#date+updated", value: (a) => a.updatedAt },
  { key: "passerelle_id", header: "passerelle_id", hxl: "#activity+id+passerelle", value: (a) => a.id },
];
