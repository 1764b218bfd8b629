import type { FastifyInstance } from "fastify";
import {
  type ParsedRecommendationQuery,
  RecommendationQuerySchema,
  type RecommendationSearchResult,
  searchParsedRecommendations,
} from "../../domain/recommendations/recommendation-search.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import { toProblems } from "../../domain/core/validate.js";
import { requestingMemberships } from "../../domain/requests/request-rules.js";
import { mayReviewAny } from "../../domain/tagging/tag-review-access.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { FormErrors } from "../../web/components/form-errors.js";
import { dirOf, Highlighted, PositionBadge } from "../../web/components/recommendation-bits.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { formatNumber } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { sendPage } from "./render.js";

const PAGE_SIZE = 20;
const FACET_SHOWN = 12;
// Facet → query parameter, in display order.
const FACET_PARAMS = [
  ["position", "position"],
  ["cycle", "cycle"],
  ["theme", "theme"],
  ["state", "state"],
  ["recommending", "recommending"],
  ["group", "group"],
  ["sdg", "sdg"],
  ["persons", "persons"],
  ["issue", "issue"],
  ["session", "session"],
] as const;
type FacetKey = (typeof FACET_PARAMS)[number][0];
type Params = Record<string, string[]>;

export function recommendationHref(id: string): string {
  return `/recommendations/${encodeURIComponent(id)}`;
}

/** Query-string parameters as lists (a parameter may repeat), for building filter links. */
function paramsOf(query: unknown): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (k === "lang") continue;
    const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
    if (values.length) out[k] = values;
  }
  return out;
}

function hrefWith(params: Params, changes: Record<string, string[] | undefined>, path = "/recommendations"): string {
  // Changing a filter starts again at the first page; only the pager passes an offset.
  const next: Record<string, string[] | undefined> = { ...params, offset: undefined, ...changes };
  const search = new URLSearchParams();
  for (const [k, vs] of Object.entries(next)) for (const v of vs ?? []) search.append(k, v);
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

function labelOf(facet: FacetKey, value: string, t: PageContext["t"], labels: CodeLabels): string {
  switch (facet) {
    case "state":
    case "recommending":
      return labels.country(value);
    case "theme":
      return labels.theme(value);
    case "sdg":
      return labels.sdg(value);
    case "persons":
      return labels.persons(value);
    case "position":
      return t(`position.${value}` as MessageKey);
    case "group":
      return t(`group.${value}` as MessageKey);
    case "cycle":
      return t("recs.cycle", { cycle: value });
    case "session":
      return t("recs.session", { session: value });
    default:
      return value;
  }
}

function SearchPage({
  ctx,
  params,
  query,
  result,
  problems,
  labels,
  requestFrom,
}: {
  ctx: PageContext;
  params: Params;
  query: ParsedRecommendationQuery | null;
  result: RecommendationSearchResult | null;
  problems: FieldProblem[];
  labels: CodeLabels;
  /** The State institution of a signed-in focal point looking at its own State's recommendations: results can start a request. */
  requestFrom: { organizationId: string } | null;
}) {
  const { t, lang } = ctx;
  const active = FACET_PARAMS.flatMap(([facet, param]) => (params[param] ?? []).map((value) => ({ facet, param, value })));
  const offset = query?.offset ?? 0;
  const csvHref = hrefWith(params, {}, "/api/v1/recommendations.csv");
  const selectable = requestFrom !== null && (result?.items.length ?? 0) > 0;
  const list = result && (
    <ol class="rec-list" start={offset + 1}>
      {result.items.map((r, i) => (
        <li key={r.id} class="rec-item">
          {selectable && (
            <div class="field checkbox rec-select">
              <input type="checkbox" id={`rec-select-${i}`} name="recommendation" value={r.id} />
              <label for={`rec-select-${i}`}>{t("req.fromRecs.select", { number: formatNumber(lang, offset + i + 1) })}</label>
            </div>
          )}
          <p class="rec-text" lang={r.textLang} dir={dirOf(r.textLang)}>
            <a href={recommendationHref(r.id)}>
              <Highlighted text={result.headlines.get(r.id) ?? r.text} />
            </a>
          </p>
          <p class="rec-meta">
            <PositionBadge ctx={ctx} position={r.position} word={r.positionWord} /> {t("recs.to", { state: labels.country(r.stateIso3) })}
            {" · "}
            {r.session ? (r.year ? t("recs.sessionYear", { session: r.session, year: r.year }) : t("recs.session", { session: r.session })) : null}
            {r.cycle ? ` · ${t("recs.cycle", { cycle: r.cycle })}` : null}
            {r.recommendingStates.length > 0 && ` · ${t("recs.recommendedBy", { states: r.recommendingStates.map(labels.country).join(", ") })}`}
          </p>
          {r.themes.length > 0 && (
            <p class="rec-themes">
              {r.themes.map((code) => (
                <span key={code} class="badge badge-muted">
                  {labels.theme(code)}
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
  return (
    <Layout ctx={ctx} title={t("recs.title")} active="recommendations">
      <h1>{t("recs.title")}</h1>
      <p class="lead">{t("recs.lead")}</p>
      {mayReviewAny(ctx.viewer) && (
        <p>
          <a href="/tagging/review">{t("tagging.link")}</a>
        </p>
      )}
      <FormErrors ctx={ctx} problems={problems} />
      <form method="get" action="/recommendations" class="search-form" role="search">
        {Object.entries(params).flatMap(([k, vs]) =>
          k === "q" || k === "order" || k === "offset" ? [] : vs.map((v) => <input key={`${k}=${v}`} type="hidden" name={k} value={v} />),
        )}
        <div class="field search-field">
          <label for="f-q">{t("recs.search")}</label>
          <input type="search" id="f-q" name="q" value={query?.q ?? params.q?.[0] ?? ""} aria-describedby="f-q-hint" />
          <span class="meta" id="f-q-hint">
            {t("recs.searchHint")}
          </span>
        </div>
        <div class="field">
          <label for="f-order">{t("recs.order")}</label>
          <select id="f-order" name="order">
            <option value="relevance" selected={query?.order !== "date"}>
              {t("recs.order.relevance")}
            </option>
            <option value="date" selected={query?.order === "date"}>
              {t("recs.order.date")}
            </option>
          </select>
        </div>
        <button type="submit" class="button">
          {t("recs.submit")}
        </button>
      </form>
      {active.length > 0 && (
        <div class="active-filters">
          <h2 class="visually-hidden">{t("recs.activeFilters")}</h2>
          <ul class="chips">
            {active.map((a) => {
              const label = labelOf(a.facet, a.value, t, labels);
              return (
                <li key={`${a.param}=${a.value}`}>
                  <a
                    class="chip"
                    href={hrefWith(params, { [a.param]: (params[a.param] ?? []).filter((v) => v !== a.value) })}
                    aria-label={t("recs.remove", { label })}
                  >
                    {label} <span aria-hidden="true">×</span>
                  </a>
                </li>
              );
            })}
            <li>
              <a href={hrefWith({}, { q: params.q, order: params.order })}>{t("recs.clear")}</a>
            </li>
          </ul>
        </div>
      )}
      {result && (
        <div class="results-layout">
          <section class="results" aria-labelledby="results-count">
            <p id="results-count" role="status" class="results-count">
              {t("recs.results", { count: result.total })}
              {result.total > 0 && (
                <>
                  {" · "}
                  <a href={csvHref} download>
                    {t("recs.download")}
                  </a>
                </>
              )}
            </p>
            {selectable && (
              <p class="meta" id="rec-select-hint">
                {t("req.fromRecs.hint")}
              </p>
            )}
            {selectable ? (
              // res. 45/32 OP8: a State asks for help on its own recommendations; a plain GET form, no script needed.
              <form method="get" action="/requests/new" class="rec-select-form" aria-describedby="rec-select-hint">
                <input type="hidden" name="organization" value={requestFrom?.organizationId} />
                {list}
                <button type="submit" class="button">
                  {t("req.fromRecs.start")}
                </button>
              </form>
            ) : (
              list
            )}
            {result.total > PAGE_SIZE && (
              <nav class="pager" aria-label={t("common.page", { page: Math.floor(offset / PAGE_SIZE) + 1, pages: Math.ceil(result.total / PAGE_SIZE) })}>
                {offset > 0 && <a href={hrefWith(params, { offset: [String(Math.max(0, offset - PAGE_SIZE))] })}>{t("common.previous")}</a>}
                <span>{t("common.page", { page: Math.floor(offset / PAGE_SIZE) + 1, pages: Math.ceil(result.total / PAGE_SIZE) })}</span>
                {offset + PAGE_SIZE < result.total && <a href={hrefWith(params, { offset: [String(offset + PAGE_SIZE)] })}>{t("common.next")}</a>}
              </nav>
            )}
            {result.total > 0 && (
              <DownloadLinks
                ctx={ctx}
                dataset={t("opendata.dataset.recommendations")}
                hrefs={{
                  csv: csvHref,
                  hxl: hrefWith(params, {}, "/api/v1/recommendations.hxl.csv"),
                  json: hrefWith(params, {}, "/api/v1/recommendations.json"),
                }}
              />
            )}
          </section>
          <aside class="facets" aria-labelledby="facets-title">
            <h2 id="facets-title">{t("recs.filters")}</h2>
            {FACET_PARAMS.map(([facet, param], i) => {
              const values = result.facets[facet];
              if (values.length === 0) return null;
              const chosen = new Set(params[param] ?? []);
              return (
                <details key={facet} open={i < 4}>
                  <summary>{t(`recs.facet.${facet}` as MessageKey)}</summary>
                  <ul>
                    {values.slice(0, FACET_SHOWN).map((v) => (
                      <li key={v.value}>
                        {chosen.has(v.value) ? (
                          <strong>{labelOf(facet, v.value, t, labels)}</strong>
                        ) : (
                          <a href={hrefWith(params, { [param]: [...chosen, v.value] })}>{labelOf(facet, v.value, t, labels)}</a>
                        )}{" "}
                        <span class="count">{formatNumber(lang, v.count)}</span>
                      </li>
                    ))}
                  </ul>
                  {values.length > FACET_SHOWN && <p class="meta">{t("recs.moreValues", { count: values.length - FACET_SHOWN })}</p>}
                </details>
              );
            })}
          </aside>
        </div>
      )}
      <p class="meta">
        {t("recs.source.uprInfo")} · {t("recs.source.uhri")}
      </p>
    </Layout>
  );
}

export function registerRecommendationSearchPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/recommendations", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const params = paramsOf(request.query);
    const labels = await codeLabels(db, ctx.lang);
    const parsed = RecommendationQuerySchema.safeParse({
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k === "q" || k === "order" || k === "offset" ? v[0] : v])),
      limit: PAGE_SIZE,
    });
    if (!parsed.success) {
      return sendPage(
        reply,
        <SearchPage ctx={ctx} params={params} query={null} result={null} problems={toProblems(parsed.error)} labels={labels} requestFrom={null} />,
        400,
      );
    }
    const result = await searchParsedRecommendations(db, parsed.data, { headlines: true });
    // Only results filtered to one State, seen by that State's focal point or NMIRF, can start its request.
    const states = params.state ?? [];
    const membership = states.length === 1 ? requestingMemberships(request.viewer).find((m) => m.countryIso3 === states[0]) : undefined;
    const requestFrom = membership ? { organizationId: membership.organizationId } : null;
    return sendPage(
      reply,
      <SearchPage ctx={ctx} params={params} query={parsed.data} result={result} problems={[]} labels={labels} requestFrom={requestFrom} />,
    );
  });
}
