import type { FastifyInstance } from "fastify";
import { listExchangeRates } from "../../domain/transparency/exchange-rate-service.js";
import { currenciesIn } from "../../domain/transparency/register-figures.js";
import {
  getCountryRegister,
  getProviderRegister,
  getRegisterSummary,
  listCountryRegisterActivities,
  listRegisterProviderChoices,
} from "../../domain/transparency/register-service.js";
import { getCountry } from "../../domain/reference/reference-service.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { activityCodeLabels } from "./activity-labels.js";
import { codeLabels } from "./page-labels.js";
import { ACTIVITY_PAGE_SIZE, type ActivityFilters, CountryRegisterPage } from "./register-country-page.js";
import { registerRegisterDownloads } from "./register-downloads.js";
import { yearChartSvg } from "./register-chart.js";
import { GlobalRegisterPage, type RegisterFilters } from "./register-global-page.js";
import { ProviderRegisterPage } from "./register-provider-page.js";
import { field, sendPage } from "./render.js";

// The public transparency register (R14; res. 45/32 OP8): /transparency, /transparency/countries/{ISO3},
// /transparency/providers/{slug}, and the downloads of their tables. Bad filter values are refused with a 400 that
// names the filter (domain schemas); an unknown State or provider is a 404.

export function registerRegisterPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/transparency", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const q = request.query;
    const filters: RegisterFilters = {
      region: field(q, "region") ?? "",
      year: field(q, "year") ?? "",
      provider: field(q, "provider") ?? "",
      theme: field(q, "theme") ?? "",
    };
    const summary = await getRegisterSummary(db, request.viewer, filters);
    const [providers, codes, labels, chartSvg, rates] = await Promise.all([
      listRegisterProviderChoices(db, request.viewer),
      activityCodeLabels(db, ctx.lang),
      codeLabels(db, ctx.lang),
      yearChartSvg(ctx, summary.byYear),
      listExchangeRates(db, currenciesIn([summary.total.budget, summary.total.committed, summary.total.disbursed])),
    ]);
    return sendPage(
      reply,
      <GlobalRegisterPage
        ctx={ctx}
        summary={summary}
        filters={filters}
        providers={providers}
        themes={codes.themes}
        labels={labels}
        chartSvg={chartSvg}
        rates={rates}
      />,
    );
  });

  app.get("/transparency/countries/:iso3", async (request, reply) => {
    const { iso3 } = request.params as { iso3: string };
    if (iso3 !== iso3.toUpperCase()) return reply.redirect(`/transparency/countries/${encodeURIComponent(iso3.toUpperCase())}`, 301);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const q = request.query;
    const filters: ActivityFilters = {
      q: field(q, "q")?.trim() ?? "",
      provider: field(q, "provider") ?? "",
      theme: field(q, "theme") ?? "",
      modality: field(q, "modality") ?? "",
      status: field(q, "status") ?? "",
      year: field(q, "year") ?? "",
    };
    const page = Math.max(1, Math.min(2000, Number(field(q, "page")) || 1));
    const register = await getCountryRegister(db, request.viewer, iso3);
    const [list, codes, labels, country] = await Promise.all([
      listCountryRegisterActivities(db, request.viewer, iso3, { ...filters, limit: ACTIVITY_PAGE_SIZE, offset: (page - 1) * ACTIVITY_PAGE_SIZE }),
      activityCodeLabels(db, ctx.lang),
      codeLabels(db, ctx.lang),
      getCountry(db, iso3),
    ]);
    const stateName = country.names[ctx.lang]?.find((n) => n.kind === "short" && n.validTo === null)?.name ?? country.name;
    return sendPage(
      reply,
      <CountryRegisterPage ctx={ctx} register={register} stateName={stateName} list={list} filters={filters} themes={codes.themes} labels={labels} />,
    );
  });

  app.get("/transparency/providers/:slug", async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [register, labels] = await Promise.all([getProviderRegister(db, request.viewer, slug), codeLabels(db, ctx.lang)]);
    return sendPage(reply, <ProviderRegisterPage ctx={ctx} register={register} labels={labels} />);
  });

  registerRegisterDownloads(app, deps);
}
