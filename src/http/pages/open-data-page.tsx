import type { FastifyInstance, FastifyRequest } from "fastify";
import { type IatiPublisher, latestDataChange, listIatiPublishers } from "../../domain/transparency/open-data-service.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { tableDownloadHrefs } from "../table-download.js";
import { sendPage } from "./render.js";

// /open-data (issue 5 item 5; R14, R34): every public dataset with its download links, the formats, the licences,
// when the data last changed, and what developers need (stable URLs, ETag, the API description).

type Dataset = { id: string; page: string; name: MessageKey; body: MessageKey; noun?: MessageKey; downloads?: Record<"csv" | "hxl" | "json", string> };

const DATASETS: Dataset[] = [
  {
    id: "activities",
    page: "/activities",
    name: "opendata.ds.activities.name",
    body: "opendata.ds.activities.body",
    noun: "opendata.dataset.activities",
    downloads: tableDownloadHrefs("/activities"),
  },
  { id: "register", page: "/transparency", name: "opendata.ds.register.name", body: "opendata.ds.register.body" },
  {
    id: "offers",
    page: "/offers",
    name: "opendata.ds.offers.name",
    body: "opendata.ds.offers.body",
    noun: "opendata.dataset.offers",
    downloads: tableDownloadHrefs("/offers"),
  },
  {
    id: "recommendations",
    page: "/recommendations",
    name: "opendata.ds.recommendations.name",
    body: "opendata.ds.recommendations.body",
    noun: "opendata.dataset.recommendations",
    downloads: tableDownloadHrefs("/api/v1/recommendations"),
  },
  {
    id: "countries",
    page: "/countries",
    name: "opendata.ds.countries.name",
    body: "opendata.ds.countries.body",
    noun: "opendata.dataset.countries",
    downloads: tableDownloadHrefs("/countries"),
  },
];

const IATI_ACTIVITIES = "/api/v1/iati/activities.xml";
const EXAMPLE_PATH = "/activities.hxl.csv?state=SEN&year=2026&sort=budget";

/** A moment in UTC, saying so ("29 November 2026 at 10:42 UTC"). */
export function formatDateTime(lang: string, at: Date): string {
  return new Intl.DateTimeFormat(lang, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(at);
}

/** The site's own address for the worked example: the configured public URL, else the address asked for. */
function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, "");
}

function DatasetSection({ ctx, d }: { ctx: PageContext; d: Dataset }) {
  const { t } = ctx;
  return (
    <section aria-labelledby={`ds-${d.id}`} class="dataset">
      <h3 id={`ds-${d.id}`}>
        <a href={d.page}>{t(d.name)}</a>
      </h3>
      <p>{t(d.body)}</p>
      {d.downloads && d.noun && <DownloadLinks ctx={ctx} hrefs={d.downloads} dataset={t(d.noun)} about={false} />}
    </section>
  );
}

function Publishers({ ctx, publishers }: { ctx: PageContext; publishers: IatiPublisher[] }) {
  const { t } = ctx;
  if (publishers.length === 0) return <p>{t("opendata.publishers.none")}</p>;
  return (
    <ScrollTable caption={t("opendata.publishers.caption")} headers={[t("opendata.col.provider"), t("opendata.col.iatiRef"), t("opendata.col.files")]}>
      {publishers.map((p) => (
        <tr key={p.slug}>
          <td>{p.name}</td>
          <td>
            <code dir="ltr">{p.iatiRef}</code>
          </td>
          <td>
            <a href={`/api/v1/iati/organisations/${encodeURIComponent(p.slug)}.xml`} type="application/xml">
              {t("opendata.publishers.organisation")}
              <span class="visually-hidden"> — {p.name}</span>
            </a>
            {" · "}
            <a href={`${IATI_ACTIVITIES}?provider=${encodeURIComponent(p.slug)}`} type="application/xml">
              {t("opendata.publishers.activities")}
              <span class="visually-hidden"> — {p.name}</span>
            </a>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function OpenDataPage({ ctx, latest, publishers, origin }: { ctx: PageContext; latest: Date | null; publishers: IatiPublisher[]; origin: string }) {
  const { t, lang } = ctx;
  const time = latest && formatDateTime(lang, latest);
  const formats: [string, MessageKey][] = [
    ["CSV", "opendata.format.csv"],
    ["HXL", "opendata.format.hxl"],
    ["JSON", "opendata.format.json"],
    ["IATI 2.03 XML", "opendata.format.iati"],
  ];
  return (
    <Layout ctx={ctx} title={t("opendata.title")} active="data">
      <h1>{t("opendata.title")}</h1>
      <p class="lead">{t("opendata.lead")}</p>

      <h2>{t("opendata.datasets")}</h2>
      {DATASETS.map((d) => (
        <DatasetSection key={d.id} ctx={ctx} d={d} />
      ))}
      <section aria-labelledby="ds-iati" class="dataset">
        <h3 id="ds-iati">{t("opendata.ds.iati.name")}</h3>
        <p>{t("opendata.ds.iati.body")}</p>
        <ul>
          <li>
            <a href={IATI_ACTIVITIES} type="application/xml">
              {t("opendata.ds.iati.all")}
            </a>
          </li>
          <li>
            <a href={`${IATI_ACTIVITIES}?country=SEN`} type="application/xml">
              {t("opendata.ds.iati.state")}
            </a>{" "}
            <code dir="ltr">?country=SEN</code>
          </li>
        </ul>
      </section>
      <section aria-labelledby="ds-publishers" class="dataset">
        <h3 id="ds-publishers">{t("opendata.publishers")}</h3>
        <p>{t("opendata.publishers.body")}</p>
        <Publishers ctx={ctx} publishers={publishers} />
      </section>

      <h2>{t("opendata.formats")}</h2>
      <dl class="formats">
        {formats.map(([name, key]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{t(key)}</dd>
          </div>
        ))}
      </dl>

      <h2>{t("opendata.licences")}</h2>
      <ul>
        <li>{t("opendata.licence.published")}</li>
        <li>{t("opendata.licence.upr")}</li>
        <li>{t("opendata.licence.iati")}</li>
        <li>
          {t("opendata.licence.reference")} <a href="/data">{t("site.footer.sources")}</a>.
        </li>
      </ul>

      <h2>{t("opendata.updates")}</h2>
      <p>{t("opendata.updates.live")}</p>
      <p>
        <strong>{time ? t("opendata.updates.latest", { time }) : t("opendata.updates.none")}</strong>
      </p>
      <p>{t("opendata.updates.iati")}</p>
      <p>
        {t("opendata.updates.reference")} <a href="/data">{t("site.footer.sources")}</a>.
      </p>

      <h2>{t("opendata.developers")}</h2>
      <p>{t("opendata.dev.urls")}</p>
      <p>{t("opendata.dev.cache")}</p>
      <p>
        {t("opendata.dev.api")} <a href="/api/v1/openapi.json">{t("opendata.dev.apiLink")}</a>
      </p>
      <p>{t("opendata.dev.example")}</p>
      <pre dir="ltr" class="example">
        <code>{`curl -i '${origin}${EXAMPLE_PATH}'\ncurl -i -H 'If-None-Match: W/"…"' '${origin}${EXAMPLE_PATH}'`}</code>
      </pre>
      <p>
        <a href={EXAMPLE_PATH}>{`${origin}${EXAMPLE_PATH}`}</a>
      </p>
    </Layout>
  );
}

export function registerOpenDataPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/open-data", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [latest, publishers] = await Promise.all([latestDataChange(db), listIatiPublishers(db)]);
    return sendPage(reply, <OpenDataPage ctx={ctx} latest={latest} publishers={publishers} origin={originOf(request, deps.config.publicUrl)} />);
  });
}
