import type { Mechanism } from "../domain/education/monitoring-schemas.js";
import type { TableColumn } from "./hxl.js";

// Columns of the national monitoring registry download (/education/monitoring.csv, .hxl.csv, .json; R25, R26). The
// participation of children and adolescents is in aggregate only, as stored: counts, age bands, safeguards and
// anonymised key messages, never a child's data. Codes are the domain's vocabularies (monitoring-schemas.ts).
export const MECHANISM_COLUMNS: TableColumn<Mechanism>[] = [
  { key: "state", header: "state", hxl: "#country+code", value: (m) => m.stateIso3 },
  { key: "name", header: "name", hxl: "#org+name+monitoring", value: (m) => m.name },
  { key: "kind", header: "kind", hxl: "#org+type+monitoring", value: (m) => m.kind },
  { key: "lead_institution", header: "lead_institution", hxl: "#org+name+lead", value: (m) => m.leadInstitution },
  { key: "monitors", header: "monitors", hxl: "#indicator+subject+list", value: (m) => m.monitors },
  { key: "frequency", header: "frequency", hxl: "#meta+frequency", value: (m) => m.frequency },
  { key: "sdg_targets", header: "sdg_targets", hxl: "#sector+sdg+code+list", value: (m) => m.sdgTargets },
  { key: "children_participation", header: "children_participation", hxl: "#meta+participation+children", value: (m) => m.childrenParticipation },
  { key: "consultations", header: "consultations", hxl: "#indicator+consultations+num", value: (m) => m.consultationsCount },
  { key: "children_consulted", header: "children_consulted", hxl: "#affected+children+consulted+num", value: (m) => m.childrenConsulted },
  { key: "girls_consulted", header: "girls_consulted", hxl: "#affected+children+f+consulted+num", value: (m) => m.girlsConsulted },
  { key: "age_bands", header: "age_bands", hxl: "#affected+children+age+list", value: (m) => m.ageBands },
  { key: "safeguards", header: "safeguards", hxl: "#meta+safeguards", value: (m) => m.safeguards },
  { key: "key_messages", header: "key_messages", hxl: "#description+children", value: (m) => m.keyMessages },
  { key: "description", header: "description", hxl: "#description", value: (m) => m.description },
  { key: "url", header: "url", hxl: "#meta+url", value: (m) => m.url },
  { key: "recorded_by", header: "recorded_by", hxl: "#org+name+reporting", value: (m) => m.organizationName },
  { key: "language", header: "language", hxl: "#meta+lang", value: (m) => m.textLang },
  { key: "last_updated", header: "last_updated", hxl: "#date+updated", value: (m) => m.updatedAt },
  { key: "passerelle_id", header: "passerelle_id", hxl: "#meta+id+passerelle", value: (m) => m.id },
];
