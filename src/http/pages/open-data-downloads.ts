import type { FastifyInstance } from "fastify";
import { AppError } from "../../domain/core/app-error.js";
import { readAllPages } from "../../domain/core/pages.js";
import { parseInput } from "../../domain/core/validate.js";
import { CountryListQuerySchema } from "../../domain/reference/reference-schemas.js";
import { listCountries } from "../../domain/reference/reference-service.js";
import { openOfferDownload } from "../../domain/transparency/open-data-downloads.js";
import { listOrganizations } from "../../domain/accounts/organization-queries.js";
import { ORGANIZATION_TYPES } from "../../domain/access/roles.js";
import { COUNTRY_COLUMNS } from "../../exports/country-table.js";
import { ORGANIZATION_COLUMNS } from "../../exports/organization-table.js";
import { TABLE_FORMATS, tableFileName } from "../../exports/hxl.js";
import { OFFER_COLUMNS } from "../../exports/offer-table.js";
import { REQUEST_COLUMNS } from "../../exports/request-table.js";
import { listRequests } from "../../domain/requests/request-queries.js";
import { RequestListQuerySchema } from "../../domain/requests/request-schemas.js";
import type { ServerDeps } from "../server.js";
import { sendTable } from "../table-download.js";
import { field } from "./render.js";

// Downloads of the public tables beside their pages (issue 5 item 4): /countries.csv, /countries.hxl.csv,
// /countries.json and the same for /offers, /organizations and /requests, each carrying the page's query. The activity list registers its own
// (activity-list-page.tsx); recommendations are under /api/v1/recommendations.*.

export function registerOpenDataDownloads(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  for (const format of TABLE_FORMATS) {
    app.get(`/${tableFileName("countries", format)}`, async (request, reply) => {
      const q = request.query;
      // Every country and territory of M49 fits in one page (about 250 rows).
      // Checked before anything is sent: a bad filter is a 400 naming it.
      const query = parseInput(CountryListQuerySchema, {
        q: field(q, "q")?.trim() || undefined,
        region: field(q, "region") || undefined,
        regionalGroup: field(q, "group") || undefined,
        designation: field(q, "designation") || undefined,
        limit: 500,
      });
      return sendTable(db, request, reply, {
        format,
        filename: "countries",
        columns: COUNTRY_COLUMNS,
        rows: (async function* () {
          yield (await listCountries(db, query)).items;
        })(),
      });
    });

    app.get(`/${tableFileName("organizations", format)}`, async (request, reply) => {
      const typeParam = field(request.query, "type");
      const type = ORGANIZATION_TYPES.find((x) => x === typeParam);
      if (typeParam && !type)
        throw new AppError("invalid_input", `Invalid filter: type: "${typeParam}" is not an organization type`, [
          { field: "type", message: "unknown organization type" },
        ]);
      return sendTable(db, request, reply, {
        format,
        filename: "organizations",
        columns: ORGANIZATION_COLUMNS,
        rows: readAllPages(async (offset, limit) => (await listOrganizations(db, request.viewer, { type, limit, offset })).items),
      });
    });

    app.get(`/${tableFileName("requests", format)}`, async (request, reply) => {
      const filters = {
        state: field(request.query, "state") || undefined,
        status: field(request.query, "status") || undefined,
        provider: field(request.query, "provider") || undefined,
      };
      // Checked before anything is sent: a bad filter is a 400 naming it.
      const { state, status, provider } = parseInput(RequestListQuerySchema, filters);
      return sendTable(db, request, reply, {
        format,
        filename: "requests",
        columns: REQUEST_COLUMNS,
        rows: readAllPages(async (offset, limit) => (await listRequests(db, request.viewer, { state, status, provider, limit, offset })).items),
      });
    });

    app.get(`/${tableFileName("offers", format)}`, async (request, reply) => {
      const query = Object.fromEntries(Object.entries(request.query as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"));
      const rows = openOfferDownload(db, request.viewer, query);
      return sendTable(db, request, reply, { format, filename: "offers", columns: OFFER_COLUMNS, rows });
    });
  }
}
