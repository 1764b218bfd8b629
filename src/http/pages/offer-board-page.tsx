import type { FastifyInstance } from "fastify";
import { COOPERATION_TYPES, MODALITIES } from "../../domain/cooperation/vocabularies.js";
import { WORLD_REGION } from "../../domain/matching/match-score.js";
import { listOffers } from "../../domain/offers/offer-service.js";
import { providerMemberships } from "../../domain/offers/provider-access.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { SelectField } from "../../web/components/form-fields.js";
import { vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { LANGUAGE_INFO, LANGUAGES } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { tableDownloadHrefs } from "../table-download.js";
import { OfferList, offerLabels } from "./offer-bits.js";
import { field, sendPage } from "./render.js";

// The offers board (R29, R6): published offers with filters by theme, form of assistance, cooperation type, region
// and language, and the "South-South and triangular" view; a provider's own offers, drafts included, with ?mine=1.

const PAGE_SIZE = 50;

export function registerOfferBoardPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/offers", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const q = request.query;
    const labels = await offerLabels(db, ctx);
    const regionCodes = new Set([WORLD_REGION, ...labels.regions.map((r) => r.code)]);
    const pick = <T extends string>(name: string, allowed: readonly T[] | Set<string>) => {
      const v = field(q, name);
      return v && (allowed instanceof Set ? allowed.has(v) : (allowed as readonly string[]).includes(v)) ? (v as T) : undefined;
    };
    const filters = {
      theme: pick("theme", new Set(labels.themes.map((x) => x.code))),
      modality: pick("modality", MODALITIES),
      cooperationType: pick("cooperationType", COOPERATION_TYPES),
      region: pick("region", regionCodes),
      language: pick("language", LANGUAGES),
      southSouth: field(q, "southSouth") === "1" ? ("1" as const) : undefined,
      mine: field(q, "mine") === "1" ? "1" : undefined,
    };
    const page = Math.max(1, Number(field(q, "page")) || 1);
    const result = await listOffers(db, request.viewer, {
      ...filters,
      mine: filters.mine === "1",
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const isProvider = providerMemberships(request.viewer).length > 0;
    const params = (extra: Record<string, string>) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) p.set(k, v);
      return p.toString();
    };
    const title = filters.mine ? t("offers.mineTitle") : filters.southSouth ? t("offers.southSouthTitle") : t("offers.title");
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title} active="offers">
        <h1>{title}</h1>
        <p class="lead">{filters.southSouth ? t("offers.southSouthLead") : t("offers.lead")}</p>
        <p>
          <a href="/providers">{t("offers.providersLink")}</a>
          {!filters.southSouth && (
            <>
              {" · "}
              <a href="/offers?southSouth=1">{t("offers.southSouthLink")}</a>
            </>
          )}
          {isProvider && (
            <>
              {" · "}
              <a href="/offers/new">{t("offers.new")}</a>
              {" · "}
              {filters.mine ? <a href="/offers">{t("offers.boardLink")}</a> : <a href="/offers?mine=1">{t("offers.mineLink")}</a>}
            </>
          )}
          {request.viewer.userId && (
            <>
              {" · "}
              <a href="/pairings">{t("pairings.title")}</a>
            </>
          )}
        </p>
        <form method="get" action="/offers" class="filters" role="search" aria-label={t("offers.filters")}>
          {filters.mine && <input type="hidden" name="mine" value="1" />}
          <SelectField
            id="f-theme"
            name="theme"
            label={t("offers.filter.theme")}
            anyLabel={t("countries.any")}
            selected={filters.theme}
            choices={labels.themes.map((x) => ({ value: x.code, label: x.label }))}
          />
          <SelectField
            id="f-modality"
            name="modality"
            label={t("offers.filter.modality")}
            anyLabel={t("countries.any")}
            selected={filters.modality}
            choices={MODALITIES.map((m) => ({ value: m, label: vocabularyLabel(t, "modality", m) }))}
          />
          <SelectField
            id="f-cooperation"
            name="cooperationType"
            label={t("offers.filter.cooperationType")}
            anyLabel={t("countries.any")}
            selected={filters.cooperationType}
            choices={COOPERATION_TYPES.map((c) => ({ value: c, label: vocabularyLabel(t, "cooperationType", c) }))}
          />
          <SelectField
            id="f-region"
            name="region"
            label={t("offers.filter.region")}
            anyLabel={t("countries.any")}
            selected={filters.region}
            choices={[WORLD_REGION, ...labels.regions.map((r) => r.code)].map((code) => ({ value: code, label: labels.region(code) }))}
          />
          <SelectField
            id="f-language"
            name="language"
            label={t("offers.filter.language")}
            anyLabel={t("countries.any")}
            selected={filters.language}
            choices={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }))}
          />
          <div class="field checkbox">
            <input type="checkbox" id="f-southSouth" name="southSouth" value="1" checked={filters.southSouth === "1"} />
            <label for="f-southSouth">{t("offers.filter.southSouth")}</label>
          </div>
          <div>
            <button type="submit" class="button">
              {t("countries.apply")}
            </button>{" "}
            <a href={filters.mine ? "/offers?mine=1" : "/offers"}>{t("countries.reset")}</a>
          </div>
        </form>
        <p role="status">{t("offers.count", { count: result.total })}</p>
        {result.items.length > 0 && <OfferList ctx={ctx} labels={labels} offers={result.items} showStatus={Boolean(filters.mine)} />}
        {pages > 1 && (
          <nav class="pager" aria-label={t("common.page", { page, pages })}>
            {page > 1 && <a href={`/offers?${params({ page: String(page - 1) })}`}>{t("common.previous")}</a>}
            <span>{t("common.page", { page, pages })}</span>
            {page < pages && <a href={`/offers?${params({ page: String(page + 1) })}`}>{t("common.next")}</a>}
          </nav>
        )}
        {!filters.mine && (
          <DownloadLinks ctx={ctx} dataset={t("opendata.dataset.offers")} hrefs={tableDownloadHrefs("/offers", { ...filters, mine: undefined })} />
        )}
      </Layout>,
    );
  });
}
