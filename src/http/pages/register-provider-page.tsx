import type { ProviderRegister } from "../../domain/transparency/register-schemas.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatNumber } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { tableDownloadHrefs } from "../table-download.js";
import type { CodeLabels } from "./page-labels.js";
import { ActivityBreakdowns, labelsOf, OfferedBlock, ProvidedBlock } from "./register-breakdowns.js";
import { MoneyView, RegisterNotes } from "./register-bits.js";

// /transparency/providers/{slug}: what one provider offered and provided, by State, theme and year (R14).

export function ProviderRegisterPage({ ctx, register: r, labels }: { ctx: PageContext; register: ProviderRegister; labels: CodeLabels }) {
  const { t, lang } = ctx;
  const name = r.provider.name;
  const base = `/transparency/providers/${r.provider.slug}`;
  const label = labelsOf(ctx, labels);
  return (
    <Layout ctx={ctx} title={t("register.provider.title", { provider: name })} active="transparency">
      <h1>{t("register.provider.title", { provider: name })}</h1>
      <p class="lead">{t("register.provider.lead", { provider: name })}</p>
      <p class="country-links">
        <a href={`/organizations/${r.provider.slug}`}>{t("register.link.organization")}</a> · <a href="/transparency">{t("register.link.all")}</a>
        {r.provider.iatiRef && (
          <>
            {" "}
            · <a href={`/api/v1/iati/organisations/${r.provider.slug}.xml`}>{t("register.iatiOrganisation", { ref: r.provider.iatiRef })}</a>
          </>
        )}
      </p>
      <div class="register-blocks register-blocks-two">
        <OfferedBlock ctx={ctx} offers={r.offers} label={label} />
        <ProvidedBlock ctx={ctx} total={r.activities.total} />
      </div>

      <section aria-labelledby="register-provided">
        <h2 id="register-provided">{t("register.section.provided")}</h2>
        <ActivityBreakdowns
          ctx={ctx}
          base={base}
          label={label}
          tables={[
            ["state", r.activities.byState],
            ["theme", r.activities.byTheme],
          ]}
          byYear={r.activities.byYear}
          place={name}
          hrefOf={(kind, key) => (kind === "theme" || kind === "year" ? `/transparency?provider=${r.provider.slug}&${kind}=${encodeURIComponent(key)}` : null)}
        />
      </section>

      <section aria-labelledby="register-offered">
        <h2 id="register-offered">{t("register.section.offered")}</h2>
        {r.offers.total === 0 ? (
          <p>{t("register.offers.none")}</p>
        ) : (
          <ScrollTable caption={t("register.offers.byState")} headers={[t("register.col.state"), t("register.col.offers"), t("register.col.offerBudget")]}>
            {r.offers.byState.map((o) => (
              <tr key={o.key}>
                <th scope="row">{o.key ? <a href={`/transparency/countries/${o.key}`}>{label.state(o.key)}</a> : label.state("")}</th>
                <td class="num">{formatNumber(lang, o.offers)}</td>
                <td class="num">
                  <MoneyView ctx={ctx} money={o.budget} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs(`${base}/offers`)} dataset={t("register.dataset.offers")} />
      </section>
      <RegisterNotes ctx={ctx} rates={r.rates} />
    </Layout>
  );
}
