import type { FastifyInstance } from "fastify";
import { listOrganizations } from "../../domain/accounts/organization-queries.js";
import { DESIGNATIONS, type Designation, REGIONAL_GROUPS, type RegionalGroupCode } from "../../domain/reference/reference-schemas.js";
import { listStatePledges } from "../../domain/recommendations/recommendation-search.js";
import { getCountry, listCountries } from "../../domain/reference/reference-service.js";
import { formatDate, LANGUAGE_INFO, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import { SearchField, SelectField } from "../../web/components/form-fields.js";
import { dirOf } from "../../web/components/recommendation-bits.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { validityText } from "../../web/components/validity.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { tableDownloadHrefs } from "../table-download.js";
import { field, sendPage } from "./render.js";
import { StateRecommendationsSection, summarizeStateRecommendations } from "./state-recommendations.js";

// M49 regions, by code (names are translated in the catalogs).
const REGIONS = ["002", "019", "142", "150", "009"] as const;

function Designations({ ctx, designations }: { ctx: PageContext; designations: Designation[] }) {
  if (designations.length === 0) return <span class="meta">—</span>;
  return (
    <>
      {designations.map((d) => (
        <span key={d} class={d === "un_member" || d === "un_observer" ? "badge" : "badge badge-muted"}>
          {ctx.t(`designation.${d}`)}
        </span>
      ))}
    </>
  );
}

export function registerCountryPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/countries", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const q = field(request.query, "q")?.trim() || undefined;
    const region = REGIONS.find((r) => r === field(request.query, "region"));
    const group = REGIONAL_GROUPS.find((g) => g === field(request.query, "group"));
    const designation = DESIGNATIONS.find((d) => d === field(request.query, "designation"));
    const result = await listCountries(db, { q, region, regionalGroup: group, designation, lang: ctx.lang, limit: 500 });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("countries.title")} active="countries">
        <h1>{t("countries.title")}</h1>
        <p class="lead">{t("countries.lead")}</p>
        <form method="get" action="/countries" class="filters" role="search" aria-label={t("countries.filter")}>
          <SearchField id="f-q" name="q" label={t("countries.search")} value={q} />
          <SelectField
            id="f-region"
            name="region"
            label={t("countries.region")}
            anyLabel={t("countries.any")}
            selected={region}
            choices={REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }))}
          />
          <SelectField
            id="f-group"
            name="group"
            label={t("countries.group")}
            anyLabel={t("countries.any")}
            selected={group}
            choices={REGIONAL_GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))}
          />
          <SelectField
            id="f-designation"
            name="designation"
            label={t("countries.designation")}
            anyLabel={t("countries.any")}
            selected={designation}
            choices={DESIGNATIONS.map((d) => ({ value: d, label: t(`designation.${d}`) }))}
          />
          <button type="submit" class="button">
            {t("countries.apply")}
          </button>
          <a class="button button-secondary" href="/countries">
            {t("countries.reset")}
          </a>
        </form>
        <p role="status">{t("countries.resultCount", { count: result.total })}</p>
        {result.items.length > 0 && (
          <ScrollTable
            headers={[t("countries.col.name"), t("countries.col.iso3"), t("countries.col.region"), t("countries.col.group"), t("countries.col.designations")]}
          >
            {result.items.map((c) => (
              <tr key={c.iso3}>
                <td>
                  <a href={`/countries/${c.iso3}`}>{c.localName ?? c.name}</a>
                </td>
                <td>
                  <code>{c.iso3}</code>
                </td>
                <td>{c.subregion ?? c.region ?? "—"}</td>
                <td>{c.regionalGroup ? t(`group.${c.regionalGroup}`) : "—"}</td>
                <td>
                  <Designations ctx={ctx} designations={c.designations} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <DownloadLinks ctx={ctx} dataset={t("opendata.dataset.countries")} hrefs={tableDownloadHrefs("/countries", { q, region, group, designation })} />
      </Layout>,
    );
  });

  app.get("/countries/:iso3", async (request, reply) => {
    const { iso3 } = request.params as { iso3: string };
    if (iso3 !== iso3.toUpperCase()) return reply.redirect(`/countries/${encodeURIComponent(iso3.toUpperCase())}`, 301);
    const country = await getCountry(db, iso3);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t, lang } = ctx;
    const organizations = await listOrganizations(db, request.viewer, { countryIso3: country.iso3, limit: 100, offset: 0 });
    const localName = country.names[lang]?.find((n) => n.kind === "short" && n.validTo === null);
    const title = localName?.name ?? country.name;
    const [recommendations, pledges] = await Promise.all([summarizeStateRecommendations(db, country.iso3, title, ctx), listStatePledges(db, country.iso3)]);
    const aliases = Object.values(country.names)
      .flat()
      .filter((n) => n.kind === "alias");
    const fact = (key: MessageKey, value: string | null) =>
      value ? (
        <>
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </>
      ) : null;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title} active="countries">
        <h1>{title}</h1>
        {title !== country.name && <p class="meta">{country.name}</p>}
        <p class="country-links">
          <a href={`/countries/${country.iso3}/profile`}>{t("profile.link")}</a> · <a href={`/countries/${country.iso3}/coordination`}>{t("coord.link")}</a> ·{" "}
          <a href={`/transparency/countries/${country.iso3}`}>{t("register.link")}</a> ·{" "}
          <a href={`/countries/${country.iso3}/education`}>{t("educountry.link")}</a>
        </p>
        <p>
          <Designations ctx={ctx} designations={country.designations} />
        </p>
        <h2>{t("country.reference")}</h2>
        <dl class="facts">
          {fact("country.iso3", country.iso3)}
          {fact("country.iso2", country.iso2)}
          {fact("country.m49", country.m49)}
          {fact(
            "country.region",
            country.regionCode && (REGIONS as readonly string[]).includes(country.regionCode)
              ? t(`region.${country.regionCode as (typeof REGIONS)[number]}`)
              : country.region,
          )}
          {fact("country.subregion", country.subregion)}
          {fact("country.intermediate", country.intermediateRegion)}
          {fact("country.group", country.regionalGroup ? t(`group.${country.regionalGroup as RegionalGroupCode}`) : null)}
          {fact("country.groupNote", country.regionalGroupNote)}
        </dl>
        <p class="meta">{t("country.asOf", { date: formatDate(lang, country.asOf) })}</p>

        <h2>{t("country.recs")}</h2>
        <StateRecommendationsSection ctx={ctx} iso3={country.iso3} summary={recommendations} />
        {pledges.length > 0 && (
          <>
            <h3>{t("country.pledges", { count: pledges.length })}</h3>
            <details>
              <summary>{t("country.pledges.show")}</summary>
              <ul>
                {pledges.map((p) => (
                  <li key={p.id} lang={p.textLang} dir={dirOf(p.textLang)}>
                    {p.text} <span class="meta">({p.session ? t("recs.session", { session: p.session }) : ""})</span>
                  </li>
                ))}
              </ul>
              <p class="meta">{t("recs.source.uprInfo")}</p>
            </details>
          </>
        )}

        <h2>{t("country.history")}</h2>
        <ScrollTable headers={[t("country.designations"), t("country.period"), t("country.names.source")]}>
          {country.designationHistory.map((d) => (
            <tr key={`${d.designation}-${d.validFrom}`}>
              <td>{t(`designation.${d.designation}`)}</td>
              <td>{validityText(t, lang, d.validFrom, d.validTo)}</td>
              <td class="meta">{d.source}</td>
            </tr>
          ))}
        </ScrollTable>

        <h2>{t("country.names")}</h2>
        <ScrollTable headers={[t("country.names.lang"), t("country.names.name"), t("country.names.source")]}>
          {LANGUAGES.flatMap((code) =>
            (country.names[code] ?? [])
              .filter((n) => n.kind === "short")
              .map((n) => (
                <tr key={`${code}-${n.name}`}>
                  <td>{LANGUAGE_INFO[code].nativeName}</td>
                  <td lang={code} dir={LANGUAGE_INFO[code].dir}>
                    {n.name}
                  </td>
                  <td class="meta">
                    {n.source}
                    {!n.official && <span class="badge badge-warn">{t("country.names.unofficial")}</span>}
                  </td>
                </tr>
              )),
          )}
        </ScrollTable>
        {aliases.length > 0 && (
          <p>
            {t("country.aliases")}: {aliases.map((a) => a.name).join(" · ")}
          </p>
        )}

        <h2>{t("country.organizations")}</h2>
        {organizations.items.length === 0 ? (
          <p>{t("country.noOrganizations")}</p>
        ) : (
          <ul>
            {organizations.items.map((o) => (
              <li key={o.id}>
                <a href={`/organizations/${o.slug}`}>{o.name}</a> <span class="meta">({t(`orgType.${o.type}`)})</span>
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
