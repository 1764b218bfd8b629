import type { FastifyInstance } from "fastify";
import { ORGANIZATION_TYPES, type OrganizationType } from "../../domain/access/roles.js";
import { findOrganization, listOrganizations } from "../../domain/accounts/organization-queries.js";
import { notFound } from "../../domain/core/app-error.js";
import { SelectField } from "../../web/components/form-fields.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { Layout } from "../../web/layout.js";
import { pageContext } from "../request-context.js";
import { tableDownloadHrefs } from "../table-download.js";
import type { ServerDeps } from "../server.js";
import { field, sendPage } from "./render.js";

const PAGE_SIZE = 100;

export function registerOrganizationPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/organizations", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const typeParam = field(request.query, "type");
    const type = ORGANIZATION_TYPES.find((x) => x === typeParam);
    const page = Math.max(1, Number(field(request.query, "page")) || 1);
    const result = await listOrganizations(db, request.viewer, { type, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("organizations.title")} active="organizations">
        <h1>{t("organizations.title")}</h1>
        <p class="lead">{t("organizations.lead")}</p>
        <form method="get" action="/organizations" class="filters" role="search">
          <SelectField
            id="org-type"
            name="type"
            label={t("organizations.type")}
            anyLabel={t("countries.any")}
            selected={type}
            choices={ORGANIZATION_TYPES.map((x) => ({ value: x, label: t(`orgType.${x}`) }))}
          />
          <button type="submit" class="button">
            {t("countries.apply")}
          </button>
        </form>
        <p role="status">{t("organizations.count", { count: result.total })}</p>
        {result.items.length > 0 && (
          <ScrollTable headers={[t("organizations.col.name"), t("organizations.col.type"), t("organizations.col.country"), t("organizations.col.visibility")]}>
            {result.items.map((o) => (
              <tr key={o.id}>
                <td>
                  <a href={`/organizations/${o.slug}`}>{o.name}</a>
                  {o.acronym && <span class="meta"> ({o.acronym})</span>} {o.isDemo && <span class="badge badge-warn">{t("organizations.demo")}</span>}
                </td>
                <td>{t(`orgType.${o.type}`)}</td>
                <td>{o.countryIso3 ? <a href={`/countries/${o.countryIso3}`}>{o.countryIso3}</a> : "—"}</td>
                <td>{t(`visibility.${o.visibility}`)}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <DownloadLinks ctx={ctx} dataset={t("opendata.dataset.organizations")} hrefs={tableDownloadHrefs("/organizations", { type })} />
        {pages > 1 && (
          <nav class="pager" aria-label={t("common.page", { page, pages })}>
            {page > 1 && <a href={`/organizations?${new URLSearchParams({ ...(type ? { type } : {}), page: String(page - 1) })}`}>{t("common.previous")}</a>}
            <span>{t("common.page", { page, pages })}</span>
            {page < pages && <a href={`/organizations?${new URLSearchParams({ ...(type ? { type } : {}), page: String(page + 1) })}`}>{t("common.next")}</a>}
          </nav>
        )}
      </Layout>,
    );
  });

  app.get("/organizations/:slug", async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const org = await findOrganization(db, request.viewer, slug);
    if (!org) throw notFound("Organization", slug);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={org.name} active="organizations">
        <h1>
          {org.name} {org.isDemo && <span class="badge badge-warn">{t("organizations.demo")}</span>}
        </h1>
        <dl class="facts">
          <dt>{t("organizations.col.type")}</dt>
          <dd>{t(`orgType.${org.type as OrganizationType}`)}</dd>
          {org.acronym && (
            <>
              <dt>{t("organizations.acronym")}</dt>
              <dd>{org.acronym}</dd>
            </>
          )}
          <dt>{t("organizations.col.country")}</dt>
          <dd>{org.countryIso3 ? <a href={`/countries/${org.countryIso3}`}>{org.countryIso3}</a> : "—"}</dd>
          {org.iatiRef && (
            <>
              <dt>{t("organizations.iati")}</dt>
              <dd>
                <code>{org.iatiRef}</code>
              </dd>
            </>
          )}
          {org.website && (
            <>
              <dt>{t("organizations.website")}</dt>
              <dd>
                <a href={org.website} rel="noopener noreferrer">
                  {org.website}
                </a>
              </dd>
            </>
          )}
          <dt>{t("organizations.col.visibility")}</dt>
          <dd>{t(`visibility.${org.visibility}`)}</dd>
        </dl>
      </Layout>,
    );
  });
}
