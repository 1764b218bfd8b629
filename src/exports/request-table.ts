import type { RequestSummary } from "../domain/requests/request-schemas.js";
import type { TableColumn } from "./hxl.js";

// Columns of the assistance requests download. Only requests the viewer may see are passed in (requestVisibleTo in
// SQL): the public gets the ones the State published (R32).
export const REQUEST_COLUMNS: TableColumn<RequestSummary>[] = [
  { key: "reference", header: "reference", hxl: "#activity+code+request", value: (r) => r.reference },
  { key: "state_iso3", header: "state_iso3", hxl: "#country+code", value: (r) => r.stateIso3 },
  { key: "title", header: "title", hxl: "#activity+name+request", value: (r) => r.title },
  { key: "status", header: "status", hxl: "#status+code", value: (r) => r.status },
  { key: "requesting_body", header: "requesting_body", hxl: "#org+name+requester", value: (r) => r.organizationName },
  { key: "providers", header: "providers", hxl: "#org+name+impl+list", value: (r) => r.providers.map((p) => p.acronym ?? p.name) },
  { key: "covid_context", header: "covid_context", hxl: "#indicator+covid", value: (r) => r.covidContext },
  { key: "submitted_at", header: "submitted_at", hxl: "#date+submitted", value: (r) => r.submittedAt?.toISOString().slice(0, 10) ?? null },
  { key: "updated_at", header: "updated_at", hxl: "#date+updated", value: (r) => r.updatedAt.toISOString() },
];
