import type { Viewer } from "../access/viewer.js";
import { readAllPages } from "../core/pages.js";
import { parseInput } from "../core/validate.js";
import { OfferQuerySchema } from "../offers/offer-schemas.js";
import type { Offer } from "../offers/offer-schemas.js";
import { listOffers } from "../offers/offer-service.js";
import type { Db } from "../../store/db.js";

// Public tables other than activities as open data (issue 5 item 4): the offers board. Each download holds every
// row matching the page's filters that the viewer may see, read lazily page by page.

/** The board's filters a download carries (paging, `mine` and `status` are the page's own business). */
const OFFER_FILTERS = ["theme", "modality", "cooperationType", "region", "language", "southSouth", "provider"] as const;

/**
 * Published offers on the board (never drafts, withdrawn or closed ones; offerVisibleTo in SQL), filtered like the
 * page. The filters are checked first: a bad value is a 400 before anything is sent.
 */
export function openOfferDownload(db: Db, viewer: Viewer, query: Readonly<Record<string, string | undefined>>): AsyncIterable<Offer[]> {
  const filters: Record<string, string> = { status: "published" };
  for (const name of OFFER_FILTERS) {
    const value = query[name];
    if (value) filters[name] = value;
  }
  parseInput(OfferQuerySchema, filters);
  return readAllPages(async (offset, limit) => (await listOffers(db, viewer, { ...filters, limit, offset })).items);
}
