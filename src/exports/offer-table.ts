import type { Offer } from "../domain/offers/offer-schemas.js";
import type { TableColumn } from "./hxl.js";

// Columns of the offers board download. Hashtags as for activities (FTS conventions): the provider is
// #org+name+funder, the State an offer is made to #country+code (empty: open to every State).
export const OFFER_COLUMNS: TableColumn<Offer>[] = [
  { key: "title", header: "title", hxl: "#activity+name+offer", value: (o) => o.title },
  { key: "description", header: "description", hxl: "#description+notes", value: (o) => o.description },
  { key: "provider", header: "provider", hxl: "#org+name+funder", value: (o) => o.provider.name },
  { key: "provider_acronym", header: "provider_acronym", hxl: "#org+acronym+funder", value: (o) => o.provider.acronym },
  { key: "provider_type", header: "provider_type", hxl: "#org+type+funder", value: (o) => o.provider.type },
  { key: "state", header: "state", hxl: "#country+code", value: (o) => o.stateIso3 },
  { key: "request_reference", header: "request_reference", hxl: "#activity+code+request", value: (o) => o.requestReference },
  { key: "uhri_themes", header: "uhri_themes", hxl: "#sector+uhri+code+list", value: (o) => o.themes },
  { key: "sdg_targets", header: "sdg_targets", hxl: "#sector+sdg+code+list", value: (o) => o.sdgTargets },
  { key: "groups_of_persons", header: "groups_of_persons", hxl: "#group+persons+code+list", value: (o) => o.persons },
  { key: "modalities", header: "modalities", hxl: "#activity+modality+list", value: (o) => o.modalities },
  { key: "cooperation_type", header: "cooperation_type", hxl: "#activity+cooperation+type", value: (o) => o.cooperationType },
  { key: "languages", header: "languages", hxl: "#meta+lang+list", value: (o) => o.languages },
  { key: "regions", header: "regions", hxl: "#region+code+m49+list", value: (o) => o.regions },
  { key: "capacity", header: "capacity", hxl: "#capacity+description", value: (o) => o.capacity },
  { key: "available_from", header: "available_from", hxl: "#date+start", value: (o) => o.availableFrom },
  { key: "available_to", header: "available_to", hxl: "#date+end", value: (o) => o.availableTo },
  { key: "budget", header: "budget", hxl: "#value+budget", value: (o) => o.budgetAmount },
  { key: "budget_currency", header: "budget_currency", hxl: "#value+budget+currency", value: (o) => o.budgetCurrency },
  { key: "source_of_funds", header: "source_of_funds", hxl: "#org+name+fund", value: (o) => o.fundSource },
  { key: "published", header: "published", hxl: "#date+published", value: (o) => o.publishedAt },
  { key: "last_updated", header: "last_updated", hxl: "#date+updated", value: (o) => o.updatedAt },
  { key: "passerelle_id", header: "passerelle_id", hxl: "#activity+id+passerelle", value: (o) => o.id },
];
