import type { FastifyInstance } from "fastify";
import { countAuditEvents } from "../../domain/audit/audit-queries.js";
import { listClosureReleaseSummaries } from "../../domain/education/closure-global-service.js";
import { listIatiImports } from "../../domain/transparency/iati-import-history.js";
import { ReleasesTable } from "./education-global-parts.js";
import { listReferenceDatasets, listTaxonomies, listTaxonomyTerms } from "../../domain/reference/reference-service.js";
import { notFound } from "../../domain/core/app-error.js";
import { formatDate, formatNumber } from "../../web/i18n/i18n.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { validityText } from "../../web/components/validity.js";
import { Layout } from "../../web/layout.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { sendPage } from "./render.js";

// Where every value comes from (R34): datasets with version and licence, vocabularies with their size.
export function registerDataPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/data", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t, lang } = ctx;
    const [datasets, taxonomies, auditEvents, imports, closureReleases] = await Promise.all([
      listReferenceDatasets(db),
      listTaxonomies(db),
      countAuditEvents(db),
      listIatiImports(db),
      listClosureReleaseSummaries(db),
    ]);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("data.title")} active="data">
        <h1>{t("data.title")}</h1>
        <p class="lead">{t("data.lead")}</p>
        <p>
          <a href="/open-data">{t("opendata.fromData")}</a>
        </p>
        <ScrollTable headers={[t("data.col.dataset"), t("data.col.version"), t("data.col.source"), t("data.col.licence"), t("data.col.loaded")]}>
          {datasets.map((d) => (
            <tr key={d.id}>
              <td>{d.title}</td>
              <td>{d.version}</td>
              <td>{d.source}</td>
              <td>{d.licence}</td>
              <td>{formatDate(lang, d.loadedAt)}</td>
            </tr>
          ))}
        </ScrollTable>
        <h2>{t("data.taxonomies")}</h2>
        <ScrollTable headers={[t("data.col.taxonomy"), t("data.col.version"), t("data.col.terms"), t("data.col.source")]}>
          {taxonomies.map((x) => (
            <tr key={x.id}>
              <td>
                <a href={`/data/taxonomies/${encodeURIComponent(x.id)}`}>{x.title}</a> <code class="meta">{x.id}</code>
              </td>
              <td>{x.version}</td>
              <td>{formatNumber(lang, x.termCount)}</td>
              <td class="meta">{x.source}</td>
            </tr>
          ))}
        </ScrollTable>
        <h2>{t("opendata.imports.title")}</h2>
        <p>{t("opendata.imports.lead")}</p>
        {imports.length === 0 ? (
          <p>{t("opendata.imports.none")}</p>
        ) : (
          <ScrollTable
            headers={[
              t("opendata.imports.col.file"),
              t("opendata.imports.col.version"),
              t("opendata.imports.col.date"),
              t("opendata.imports.col.created"),
              t("opendata.imports.col.updated"),
              t("opendata.imports.col.unchanged"),
              t("opendata.imports.col.skipped"),
            ]}
          >
            {imports.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.fileName}{" "}
                  <code class="meta" title="SHA-256">
                    {i.sha256.slice(0, 12)}
                  </code>
                </td>
                <td>{i.version}</td>
                <td>{formatDate(lang, i.importedAt)}</td>
                <td class="num">{formatNumber(lang, i.created)}</td>
                <td class="num">{formatNumber(lang, i.updated)}</td>
                <td class="num">{formatNumber(lang, i.unchanged)}</td>
                <td class="num">{formatNumber(lang, i.skipped)}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <h2>{t("edu.sources.heading")}</h2>
        <p>{t("edu.sources.dataLead")}</p>
        {closureReleases.length === 0 ? (
          <p>{t("edu.none")}</p>
        ) : (
          <ReleasesTable ctx={ctx} releases={closureReleases} shown={null} hrefOf={(id) => `/education?release=${id}`} />
        )}
        <h2>{t("data.audit")}</h2>
        <p>{t("data.auditBody", { count: auditEvents })}</p>
      </Layout>,
    );
  });

  app.get("/data/taxonomies/:id", async (request, reply) => {
    const { id } = request.params as { id: string };
    const taxonomy = (await listTaxonomies(db)).find((x) => x.id === id);
    if (!taxonomy) throw notFound("Taxonomy", id);
    const terms = await listTaxonomyTerms(db, id, { all: true });
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t, lang } = ctx;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={taxonomy.title} active="data">
        <p class="meta">
          <a href="/data">{t("data.title")}</a>
        </p>
        <h1>{taxonomy.title}</h1>
        <p class="meta">
          {taxonomy.source} · {taxonomy.licence} · {t("data.col.version")} {taxonomy.version} ·{" "}
          <a href={`/api/v1/taxonomies/${encodeURIComponent(id)}/terms?all=true`}>JSON</a>
        </p>
        <ScrollTable headers={[t("data.col.code"), t("data.col.label"), t("data.col.parent"), t("data.col.validity")]}>
          {terms.map((term) => {
            // Labels exist only in the languages the source gives: show the page's language or English, marked.
            const own = term.labels[lang];
            return (
              <tr key={term.code}>
                <td>
                  <code>{term.code}</code>
                </td>
                <td lang={own ? lang : "en"}>{own ?? term.labels.en ?? Object.values(term.labels)[0] ?? "—"}</td>
                <td>{term.parentCode ? <code>{term.parentCode}</code> : "—"}</td>
                <td>{validityText(t, lang, term.validFrom, term.validTo)}</td>
              </tr>
            );
          })}
        </ScrollTable>
      </Layout>,
    );
  });
}
