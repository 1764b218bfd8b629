import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { render } from "preact-render-to-string";
import type { Digest } from "../../domain/coordination/coordination-schemas.js";
import { digestLanguageOf, getDigest } from "../../domain/coordination/coordination-service.js";
import { type DigestPeriod, resolveDigestPeriod } from "../../domain/coordination/digest-period.js";
import { type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import { csvDocument } from "../../exports/csv.js";
import { FormErrors, fieldError } from "../../web/components/form-errors.js";
import { formatDate, isLang, LANGUAGE_INFO, type MessageKey, translator } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { activityStatus, change, digestRows, requestStatus } from "./coordination-digest-csv.js";
import { OverlapList } from "./coordination-parts.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { countryLinks } from "./profile-page.js";
import { field, sendPage } from "./render.js";

// The periodic digest for the State focal point (R16: "scheduled digests to the State focal point (e.g. quarterly)
// summarising all TA/CB activities in the country", "in the State's chosen language"): a page, a CSV file and a
// standalone printable HTML file with the same content, each built only from what the viewer may see.

type DigestProps = { ctx: PageContext; digest: Digest; labels: CodeLabels; linkBase: string };

/** Amounts stay decimal strings; Intl formats the string itself, so no float ever rounds them. */
function money(ctx: PageContext, amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(ctx.lang, { style: "currency", currency }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}

function Table({ caption, headers, rows, empty }: { caption: string; headers: string[]; rows: ComponentChildren[][]; empty: string }) {
  if (rows.length === 0)
    return (
      <p class="meta">
        <strong>{caption}</strong> — {empty}
      </p>
    );
  return (
    <div class="table-scroll caption-fit">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) =>
                j === 1 ? (
                  <th scope="row" key={j}>
                    {c}
                  </th>
                ) : (
                  <td key={j}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The digest's sections; links are made absolute with `linkBase` in the downloaded file. */
export function DigestSections({ ctx, digest: d, labels, linkBase }: DigestProps) {
  const { t, lang } = ctx;
  const date = (iso: string) => formatDate(lang, iso);
  const empty = t("digest.nothing");
  const activityLink = (id: string, title: string) => <a href={`${linkBase}/activities/${id}`}>{title}</a>;
  const requestLink = (id: string, label: string) => <a href={`${linkBase}/requests/${id}`}>{label}</a>;
  return (
    <>
      <section aria-labelledby="d-requests">
        <h2 id="d-requests">{t("digest.section.requests")}</h2>
        <Table
          caption={t("digest.requests")}
          headers={[t("digest.col.date"), t("digest.col.request"), t("digest.col.status")]}
          empty={empty}
          rows={d.requestsSubmitted.map((r) => [
            date(r.date),
            requestLink(r.id, [r.reference, r.title].filter(Boolean).join(" — ")),
            requestStatus(ctx, r.status),
          ])}
        />
        <Table
          caption={t("digest.requestChanges")}
          headers={[t("digest.col.date"), t("digest.col.request"), t("digest.col.change"), t("digest.col.reason")]}
          empty={empty}
          rows={d.requestStatusChanges.map((e) => [
            date(e.date),
            requestLink(e.id, [e.reference, e.title].filter(Boolean).join(" — ")),
            change(ctx, requestStatus(ctx, e.from), requestStatus(ctx, e.to)),
            e.reason ?? "—",
          ])}
        />
        <Table
          caption={t("digest.offers")}
          headers={[t("digest.col.date"), t("digest.col.offer"), t("digest.col.provider"), t("digest.col.request"), t("digest.col.status")]}
          empty={empty}
          rows={d.offersReceived.map((o) => [
            date(o.date),
            <a href={`${linkBase}/offers/${o.id}`}>{o.title}</a>,
            o.providerName,
            o.requestReference ?? "—",
            t(`digest.offerStatus.${o.status}` as MessageKey),
          ])}
        />
      </section>
      <section aria-labelledby="d-activities">
        <h2 id="d-activities">{t("digest.section.activities")}</h2>
        {d.withheldActivities !== null && <p class="meta">{t("coord.withheld", { count: d.withheldActivities })}</p>}
        <Table
          caption={t("digest.activitiesRecorded")}
          headers={[t("digest.col.date"), t("digest.col.activity"), t("digest.col.provider"), t("digest.col.status")]}
          empty={empty}
          rows={d.activitiesRecorded.map((a) => [date(a.date), activityLink(a.id, a.title), a.providerName, activityStatus(ctx, a.status)])}
        />
        <Table
          caption={t("digest.activitiesStarted")}
          headers={[t("digest.col.date"), t("digest.col.activity"), t("digest.col.provider"), t("digest.col.status")]}
          empty={empty}
          rows={d.activitiesStarted.map((a) => [date(a.date), activityLink(a.id, a.title), a.providerName, activityStatus(ctx, a.status)])}
        />
        <Table
          caption={t("digest.activityChanges")}
          headers={[t("digest.col.date"), t("digest.col.activity"), t("digest.col.provider"), t("digest.col.change"), t("digest.col.reason")]}
          empty={empty}
          rows={d.activityStatusChanges.map((e) => [
            date(e.date),
            activityLink(e.id, e.title),
            e.providerName,
            <span class={e.to === 6 || e.to === 5 ? "badge badge-warn" : undefined}>
              {change(ctx, activityStatus(ctx, e.from), activityStatus(ctx, e.to))}
            </span>,
            e.reason ?? "—",
          ])}
        />
      </section>
      <section aria-labelledby="d-consents">
        <h2 id="d-consents">{t("digest.section.consent")}</h2>
        <Table
          caption={t("digest.consents")}
          headers={[t("digest.col.date"), t("digest.col.activity"), t("digest.col.event"), t("digest.col.record")]}
          empty={empty}
          rows={d.consents.map((c) => [
            date(c.date),
            activityLink(c.activityId, c.activityTitle),
            t(`digest.consent.${c.event}`),
            c.grantedByName
              ? [c.grantedByName, c.channel ? t(`digest.channel.${c.channel}` as MessageKey) : null, c.channelReference, c.revocationReason]
                  .filter(Boolean)
                  .join(" · ")
              : t("digest.consent.detailsWithheld"),
          ])}
        />
      </section>
      <section aria-labelledby="d-money">
        <h2 id="d-money">{t("digest.transactions")}</h2>
        <Table
          caption={t("digest.totals")}
          headers={[t("digest.col.type"), t("digest.col.count"), t("digest.col.amount")]}
          empty={empty}
          rows={d.transactionTotals.map((s) => [t(`digest.transactionType.${s.type}` as MessageKey), String(s.count), money(ctx, s.amount, s.currency)])}
        />
        <Table
          caption={t("digest.transactionList")}
          headers={[t("digest.col.date"), t("digest.col.activity"), t("digest.col.type"), t("digest.col.amount")]}
          empty={empty}
          rows={d.transactions.map((x) => [
            date(x.date),
            activityLink(x.activityId, x.activityTitle),
            t(`digest.transactionType.${x.type}` as MessageKey),
            money(ctx, x.amount, x.currency),
          ])}
        />
      </section>
      <section aria-labelledby="d-overlaps">
        <h2 id="d-overlaps">{t("coord.overlaps")}</h2>
        {d.overlaps.length === 0 ? (
          <p class="meta">{t("coord.overlaps.none")}</p>
        ) : (
          <OverlapList ctx={ctx} overlaps={d.overlaps} labels={labels} linkBase={linkBase} />
        )}
      </section>
    </>
  );
}

function PeriodForm({ ctx, iso3, form, problems }: { ctx: PageContext; iso3: string; form: { from: string; to: string }; problems: FieldProblem[] }) {
  const { t } = ctx;
  const err = (f: string) => fieldError(problems, f);
  return (
    <form method="get" action={`/countries/${iso3}/digest`} class="filters digest-period" aria-label={t("digest.period")}>
      {(["from", "to"] as const).map((f) => (
        <div class={`field${err(f) ? " field-error" : ""}`} key={f}>
          <label for={`field-${f}`}>{t(`digest.${f}`)}</label>
          {err(f) && (
            <span class="field-message" id={`${f}-error`}>
              {err(f)}
            </span>
          )}
          <input
            type="date"
            id={`field-${f}`}
            name={f}
            value={form[f]}
            aria-invalid={err(f) ? "true" : undefined}
            aria-describedby={err(f) ? `${f}-error` : undefined}
          />
        </div>
      ))}
      <input type="hidden" name="lang" value={ctx.lang} />
      <button type="submit" class="button">
        {t("digest.show")}
      </button>
    </form>
  );
}

const fileName = (iso3: string, p: DigestPeriod, ext: string) => `digest-${iso3}-${p.from}-${p.to}.${ext}`;

// A printable file needs its own styles: it is opened from disk, without the site's stylesheet.
const FILE_CSS = `body{font-family:system-ui,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",sans-serif;margin:2rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}caption{text-align:start;font-weight:600;padding:.4rem 0}
th,td{border:1px solid #c9ced6;padding:.3rem .5rem;text-align:start;vertical-align:top}thead th{background:#f3f5f8}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}.meta{color:#4a4a4a}
.overlap{margin-block-end:1rem}@media print{a{color:inherit;text-decoration:none}h2{break-after:avoid}tr{break-inside:avoid}}`;

export function registerDigestPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  /**
   * The page context in the digest's language: the one asked for with ?lang=, else — for the State's own focal point
   * or NMIRF — the language chosen in their account (R16), else the page's language.
   */
  async function digestContext(request: FastifyRequest, reply: FastifyReply, iso3: string): Promise<PageContext> {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    if (isLang((request.query as Record<string, unknown> | undefined)?.lang)) return ctx;
    const preferred = await digestLanguageOf(db, request.viewer, iso3);
    return isLang(preferred) && preferred !== ctx.lang ? { ...ctx, lang: preferred, t: translator(preferred) } : ctx;
  }

  const iso3Of = (request: FastifyRequest) => (request.params as { iso3: string }).iso3.toUpperCase();
  const askedPeriod = (request: FastifyRequest) => ({ from: field(request.query, "from") || undefined, to: field(request.query, "to") || undefined });

  app.get("/countries/:iso3/digest", async (request, reply) => {
    const iso3 = iso3Of(request);
    const ctx = await digestContext(request, reply, iso3);
    const labels = await codeLabels(db, ctx.lang);
    const state = labels.country(iso3);
    const asked = askedPeriod(request);
    let period: DigestPeriod;
    try {
      period = resolveDigestPeriod(asked);
    } catch (e) {
      if (!isAppError(e)) throw e;
      return sendPage(
        reply,
        <Layout ctx={ctx} title={ctx.t("digest.heading", { state })} active="countries">
          {countryLinks(ctx, iso3, state)}
          <h1>{ctx.t("digest.heading", { state })}</h1>
          <FormErrors ctx={ctx} problems={e.problems} message={e.message} />
          <PeriodForm ctx={ctx} iso3={iso3} form={{ from: asked.from ?? "", to: asked.to ?? "" }} problems={e.problems} />
        </Layout>,
        400,
      );
    }
    const digest = await getDigest(db, request.viewer, iso3, period);
    const { t, lang } = ctx;
    const query = `from=${period.from}&to=${period.to}&lang=${lang}`;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("digest.title", { state, from: formatDate(lang, period.from), to: formatDate(lang, period.to) })} active="countries">
        {countryLinks(ctx, iso3, state)}
        <h1>{t("digest.heading", { state })}</h1>
        <p class="lead">{t("digest.periodText", { from: formatDate(lang, period.from), to: formatDate(lang, period.to) })}</p>
        <p class="meta">{t("digest.lead", { language: LANGUAGE_INFO[lang].nativeName })}</p>
        <PeriodForm ctx={ctx} iso3={iso3} form={period} problems={[]} />
        <p>
          {t("digest.download")}:{" "}
          <a href={`/countries/${iso3}/digest.csv?${query}`} download={fileName(iso3, period, "csv")}>
            {t("digest.csv")}
          </a>{" "}
          ·{" "}
          <a href={`/countries/${iso3}/digest.html?${query}`} download={fileName(iso3, period, "html")}>
            {t("digest.html")}
          </a>
        </p>
        <DigestSections ctx={ctx} digest={digest} labels={labels} linkBase="" />
      </Layout>,
    );
  });

  app.get("/countries/:iso3/digest.html", async (request, reply) => {
    const iso3 = iso3Of(request);
    const ctx = await digestContext(request, reply, iso3);
    const period = resolveDigestPeriod(askedPeriod(request));
    const [digest, labels] = await Promise.all([getDigest(db, request.viewer, iso3, period), codeLabels(db, ctx.lang)]);
    const { t, lang } = ctx;
    const state = labels.country(iso3);
    const base = deps.config.publicUrl?.replace(/\/$/, "") ?? `${request.protocol}://${request.host}`;
    const title = t("digest.title", { state, from: formatDate(lang, period.from), to: formatDate(lang, period.to) });
    const html = render(
      <html lang={lang} dir={LANGUAGE_INFO[lang].dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <style>{FILE_CSS}</style>
        </head>
        <body>
          <h1>{title}</h1>
          <p class="meta">{t("digest.generated", { date: formatDate(lang, new Date()), site: t("site.name") })}</p>
          <DigestSections ctx={ctx} digest={digest} labels={labels} linkBase={base} />
        </body>
      </html>,
    );
    return reply
      .type("text/html; charset=utf-8")
      .header("content-disposition", `attachment; filename="${fileName(iso3, period, "html")}"`)
      .header("cache-control", "no-store")
      .send(`<!DOCTYPE html>${html}`);
  });

  app.get("/countries/:iso3/digest.csv", async (request, reply) => {
    const iso3 = iso3Of(request);
    const ctx = await digestContext(request, reply, iso3);
    const period = resolveDigestPeriod(askedPeriod(request));
    const [digest, labels] = await Promise.all([getDigest(db, request.viewer, iso3, period), codeLabels(db, ctx.lang)]);
    const rows = digestRows(ctx, digest, labels);
    const { t } = ctx;
    const columns = (["section", "date", "item", "detail", "amount", "currency", "id"] as const).map((c, i) => ({
      header: t(`digest.csv.${c}`),
      value: (row: string[]) => row[i],
    }));
    let csv = "";
    for await (const chunk of csvDocument(
      columns,
      (async function* () {
        yield rows;
      })(),
    ))
      csv += chunk;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${fileName(iso3, period, "csv")}"`)
      .header("cache-control", "no-store")
      .send(csv);
  });
}
