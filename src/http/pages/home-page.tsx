import type { FastifyInstance } from "fastify";
import { countOrganizationsVisibleTo } from "../../domain/accounts/organization-queries.js";
import { countAuditEvents } from "../../domain/audit/audit-queries.js";
import { countRecommendations } from "../../domain/recommendations/recommendation-search.js";
import { countReferenceData, listCountries } from "../../domain/reference/reference-service.js";
import { formatNumber } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { sendPage } from "./render.js";

export function registerHomePage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t, lang } = ctx;
    const [reference, ldc, sids, organizations, auditEvents, recommendations] = await Promise.all([
      countReferenceData(db),
      listCountries(db, { designation: "ldc", limit: 1 }),
      listCountries(db, { designation: "sids", limit: 1 }),
      countOrganizationsVisibleTo(db, request.viewer),
      countAuditEvents(db),
      countRecommendations(db),
    ]);
    const stats: [MessageKey, number, string][] = [
      ["home.count.recommendations", recommendations, "/recommendations"],
      ["home.count.countries", reference.countries, "/countries"],
      ["home.count.unMembers", reference.unMemberStates, "/countries?designation=un_member"],
      ["home.count.ldc", ldc.total, "/countries?designation=ldc"],
      ["home.count.sids", sids.total, "/countries?designation=sids"],
      ["home.count.sdgTargets", reference.sdgTargets, "/data"],
      ["home.count.uhriThemes", reference.uhriThemes, "/data"],
      ["home.count.organizations", organizations, "/organizations"],
      ["home.count.auditEvents", auditEvents, "/data"],
    ];
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("home.title")} active="home">
        <h1>{t("home.title")}</h1>
        <p class="lead">{t("home.lead")}</p>
        <h2>{t("home.countsTitle")}</h2>
        <ul class="stats">
          {stats.map(([key, count, href]) => {
            // The number is shown large, the sentence gives it meaning: "193 UN Member States".
            const sentence = t(key, { count });
            const formatted = formatNumber(lang, count);
            const rest = sentence.replace(formatted, "").replace(String(count), "").trim();
            return (
              <li key={key}>
                <a href={href}>
                  <span class="stat-number">{formatted}</span> <span class="stat-label">{rest}</span>
                </a>
              </li>
            );
          })}
        </ul>
        <h2>{t("home.explore")}</h2>
        <ul class="cards">
          <li>
            <a href="/countries">{t("home.exploreCountries")}</a>
          </li>
          <li>
            <a href="/organizations">{t("home.exploreOrganizations")}</a>
          </li>
          <li>
            <a href="/api/v1/openapi.json">{t("home.exploreApi")}</a>
          </li>
        </ul>
        <p class="meta">{t("home.resolution")}</p>
      </Layout>,
    );
  });
}
