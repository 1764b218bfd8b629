import type { FastifyInstance } from "fastify";
import { NO_THEME } from "../../domain/coordination/coordination-matrix.js";
import { type CoordinationActivityView, type CoordinationView, getCoordination } from "../../domain/coordination/coordination-service.js";
import { vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { formatNumber, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { ActivityTimeline } from "./coordination-timeline.js";
import { registerDigestPages } from "./coordination-digest.js";
import { datesText, OverlapList } from "./coordination-parts.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { countryLinks } from "./profile-page.js";
import { sendPage } from "./render.js";

// "Who does what, where, when" in one country (R16; res. 45/32 OP9): providers by theme group, a timeline and the
// list of activities, and the overlap warnings — from the activities the viewer may see; withheld ones are counted
// from 3 up (small-cell rule).

function Matrix({ ctx, view, labels, state }: { ctx: PageContext; view: CoordinationView; labels: CodeLabels; state: string }) {
  const { t, lang } = ctx;
  const { matrix } = view;
  const groupLabel = (g: string) => (g === NO_THEME ? t("coord.matrix.noTheme") : labels.theme(g));
  const n = (x: number | undefined) => (x ? formatNumber(lang, x) : "–");
  return (
    <div class="table-scroll caption-fit">
      <table class="matrix">
        <caption>{t("coord.matrix.caption", { state })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("coord.matrix.provider")}</th>
            {matrix.themeGroups.map((g) => (
              <th scope="col" key={g} class="num">
                {groupLabel(g)}
              </th>
            ))}
            <th scope="col" class="num">
              {t("coord.matrix.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((r) => (
            <tr key={r.provider.key}>
              <th scope="row">{r.provider.name}</th>
              {matrix.themeGroups.map((g) => (
                <td key={g} class="num">
                  {n(r.counts[g])}
                </td>
              ))}
              <td class="num">{n(r.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("coord.matrix.columnTotal")}</th>
            {matrix.themeGroups.map((g) => (
              <td key={g} class="num">
                {n(matrix.columnTotals[g])}
              </td>
            ))}
            <td class="num">{n(matrix.activityCount)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ActivityTable({ ctx, activities, labels, state }: { ctx: PageContext; activities: CoordinationActivityView[]; labels: CodeLabels; state: string }) {
  const { t } = ctx;
  return (
    <div class="table-scroll caption-fit">
      <table>
        <caption>{t("coord.activities.caption", { state })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("coord.col.activity")}</th>
            <th scope="col">{t("coord.col.provider")}</th>
            <th scope="col">{t("coord.col.themes")}</th>
            <th scope="col">{t("coord.col.counterparts")}</th>
            <th scope="col">{t("coord.col.planned")}</th>
            <th scope="col">{t("coord.col.actual")}</th>
            <th scope="col">{t("coord.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => {
            const others = a.implementers.filter((p) => p.key !== a.provider.key).map((p) => p.name);
            const counterparts = [
              ...a.nationalActors.map((n) =>
                n.name
                  ? t("common.labelled", { label: vocabularyLabel(t, "actorType", n.actorType), value: n.name })
                  : vocabularyLabel(t, "actorType", n.actorType),
              ),
              ...a.counterparts.filter((c) => c.kind === "organization").map((c) => c.name ?? t("coord.nameWithheld")),
            ];
            return (
              <tr key={a.id}>
                <th scope="row">
                  <a href={`/activities/${a.id}`}>{a.title}</a>
                </th>
                <td>
                  {a.provider.name}
                  {others.length > 0 && <span class="meta"> ({t("coord.implementedBy", { names: others.join(", ") })})</span>}
                </td>
                <td>{a.themes.length > 0 ? a.themes.map((c) => labels.theme(c)).join(" · ") : "—"}</td>
                <td>{counterparts.length > 0 ? counterparts.join(" · ") : "—"}</td>
                <td>{datesText(ctx, a.plannedStart, a.plannedEnd)}</td>
                <td>{datesText(ctx, a.actualStart, a.actualEnd)}</td>
                <td>{t(`coord.status.${a.status}` as MessageKey)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CoordinationPage({ ctx, view, labels, state, today }: { ctx: PageContext; view: CoordinationView; labels: CodeLabels; state: string; today: string }) {
  const { t } = ctx;
  const undated = view.activities.filter((a) => a.period === null).length;
  return (
    <Layout ctx={ctx} title={t("coord.title", { state })} active="countries">
      {countryLinks(ctx, view.stateIso3, state)}
      <h1>{t("coord.title", { state })}</h1>
      <p class="lead">{t("coord.lead")}</p>
      <p>
        <a href={`/countries/${view.stateIso3}/digest`}>{t("coord.digestLink")}</a> ·{" "}
        <a href={`/api/v1/states/${view.stateIso3}/coordination`} type="application/json">
          {t("coord.json")}
        </a>
      </p>
      {view.activities.length === 0 && <p class="notice">{t("coord.none")}</p>}
      {view.withheldActivities !== null && <p class="meta">{t("coord.withheld", { count: view.withheldActivities })}</p>}

      <section aria-labelledby="overlaps-h">
        <h2 id="overlaps-h">{t("coord.overlaps")}</h2>
        <p class="meta">{t("coord.overlaps.lead")}</p>
        {view.overlaps.length === 0 ? <p>{t("coord.overlaps.none")}</p> : <OverlapList ctx={ctx} overlaps={view.overlaps} labels={labels} />}
      </section>

      {view.activities.length > 0 && (
        <>
          <section aria-labelledby="matrix-h">
            <h2 id="matrix-h">{t("coord.matrix")}</h2>
            <p class="meta">{t("coord.matrix.note")}</p>
            <Matrix ctx={ctx} view={view} labels={labels} state={state} />
          </section>
          <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">{t("coord.timeline")}</h2>
            <figure class="chart timeline-figure" aria-labelledby="timeline-h">
              <ActivityTimeline ctx={ctx} activities={view.activities} state={state} today={today} />
              <figcaption class="meta">{t("coord.timeline.note")}</figcaption>
            </figure>
            {undated > 0 && <p class="meta">{t("coord.timeline.undated", { count: undated })}</p>}
            <ActivityTable ctx={ctx} activities={view.activities} labels={labels} state={state} />
          </section>
        </>
      )}
    </Layout>
  );
}

export function registerCoordinationPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/countries/:iso3/coordination", async (request, reply) => {
    const { iso3 } = request.params as { iso3: string };
    if (iso3 !== iso3.toUpperCase()) return reply.redirect(`/countries/${encodeURIComponent(iso3.toUpperCase())}/coordination`, 301);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [view, labels] = await Promise.all([getCoordination(db, request.viewer, iso3), codeLabels(db, ctx.lang)]);
    const today = new Date().toISOString().slice(0, 10);
    return sendPage(reply, <CoordinationPage ctx={ctx} view={view} labels={labels} state={labels.country(iso3)} today={today} />);
  });

  registerDigestPages(app, deps);
}
