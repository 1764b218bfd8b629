import type { ComponentChildren } from "preact";
import type { Breakdown, BreakdownRow, FiguresView, OffersBlock, YearBreakdown } from "../../domain/transparency/register-schemas.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { tableDownloadHrefs } from "../table-download.js";
import type { CodeLabels } from "./page-labels.js";
import { BreakdownTable, CountTable, FigureCells, figureHeaders, MoneyFacts, NotBrokenDownRow, RegisterBlock, WithheldNotice } from "./register-bits.js";

// The breakdowns of activities on the register pages (by provider, State, theme, modality, status, year), each with
// its "not broken down" row and its downloads.

export type BreakdownKind = "provider" | "state" | "theme" | "modality" | "status";

/** How each kind of key reads in the page's language. */
export type LabelOf = {
  theme(code: string): string;
  modality(code: string): string;
  status(code: string): string;
  requestStatus(code: string): string;
  offerStatus(code: string): string;
  year(year: string): string;
  state(iso3: string): string;
};

export function labelsOf(ctx: PageContext, labels: CodeLabels): LabelOf {
  const { t } = ctx;
  return {
    theme: (c) => (c === "" ? t("register.theme.none") : labels.theme(c)),
    modality: (c) => (c === "" ? t("register.modality.none") : t(`vocab.modality.${c}` as MessageKey)),
    status: (c) => t(`activity.status.${c}` as MessageKey),
    requestStatus: (c) => t(`req.status.${c}` as MessageKey),
    offerStatus: (c) => t(`offer.status.${c}` as MessageKey),
    year: (y) => (y === "" ? t("register.year.none") : y),
    state: (iso3) => (iso3 === "" ? t("register.state.none") : labels.country(iso3)),
  };
}

const HEADINGS: Record<BreakdownKind, { heading: MessageKey; caption: MessageKey; key: MessageKey }> = {
  provider: { heading: "register.byProvider", caption: "register.byProvider.caption", key: "register.col.provider" },
  state: { heading: "register.byState", caption: "register.byState.caption", key: "register.col.state" },
  theme: { heading: "register.byTheme", caption: "register.byTheme.caption", key: "register.col.theme" },
  modality: { heading: "register.byModality", caption: "register.byModality.caption", key: "register.col.modality" },
  status: { heading: "register.byStatus", caption: "register.byStatus.caption", key: "register.col.status" },
};

/** Where a row leads: the activities it counts (a filtered table or register), when the key can be a filter. */
export type RowHref = (kind: BreakdownKind | "year", key: string) => string | null;

function linked(href: string | null, text: string): ComponentChildren {
  return href ? <a href={href}>{text}</a> : text;
}

function head(kind: BreakdownKind, row: BreakdownRow, label: LabelOf, hrefOf: RowHref): ComponentChildren {
  switch (kind) {
    case "provider":
      return linked(row.slug ? `/transparency/providers/${row.slug}` : null, row.label ?? row.key);
    case "state":
      return linked(`/transparency/countries/${row.key}`, label.state(row.key));
    case "theme":
      return linked(row.key ? hrefOf(kind, row.key) : null, label.theme(row.key));
    case "modality":
      return linked(row.key ? hrefOf(kind, row.key) : null, label.modality(row.key));
    case "status":
      return linked(hrefOf(kind, row.key), label.status(row.key));
  }
}

export function ActivityBreakdowns({
  ctx,
  base,
  label,
  tables,
  byYear,
  place,
  hrefOf,
}: {
  ctx: PageContext;
  base: string;
  label: LabelOf;
  tables: [BreakdownKind, Breakdown][];
  byYear: YearBreakdown;
  place: string;
  hrefOf: RowHref;
}) {
  const { t } = ctx;
  return (
    <>
      {tables.map(([kind, b]) => {
        const h = HEADINGS[kind];
        return (
          <BreakdownTable
            key={kind}
            ctx={ctx}
            id={`by-${kind}`}
            heading={t(h.heading)}
            caption={t(h.caption, { place })}
            keyHeader={t(h.key)}
            lines={b.rows.map((row) => ({ key: row.key, head: head(kind, row, label, hrefOf), figures: row }))}
            notBrokenDown={b.notBrokenDown}
            note={kind === "theme" || kind === "modality" ? t("register.multiValued") : undefined}
            hrefs={tableDownloadHrefs(`${base}/by-${kind}`)}
          />
        );
      })}
      <YearTable ctx={ctx} base={base} byYear={byYear} label={label} place={place} hrefOf={hrefOf} />
    </>
  );
}

function YearTable({
  ctx,
  base,
  byYear,
  label,
  place,
  hrefOf,
}: {
  ctx: PageContext;
  base: string;
  byYear: YearBreakdown;
  label: LabelOf;
  place: string;
  hrefOf: RowHref;
}) {
  const { t } = ctx;
  return (
    <section class="register-section" aria-labelledby="by-year">
      <h3 id="by-year">{t("register.byYear")}</h3>
      {byYear.rows.length === 0 && !byYear.notBrokenDown ? (
        <p>{t("register.none")}</p>
      ) : (
        <ScrollTable caption={t("register.byYear.caption", { place })} headers={[t("register.col.year"), ...figureHeaders(ctx)]}>
          {byYear.rows.map((y) => (
            <tr key={y.year}>
              <th scope="row">{linked(y.year ? hrefOf("year", y.year) : null, label.year(y.year))}</th>
              <FigureCells ctx={ctx} f={y} />
            </tr>
          ))}
          {byYear.notBrokenDown && <NotBrokenDownRow ctx={ctx} f={byYear.notBrokenDown} />}
        </ScrollTable>
      )}
      <p class="meta">{t("register.byYear.note")}</p>
      <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs(`${base}/by-year`)} dataset={t("register.dataset.table", { table: t("register.byYear") })} />
    </section>
  );
}

/** The "offered" summary block of a State's or a provider's register: count, budgets, offers by status. */
export function OfferedBlock({ ctx, offers, label }: { ctx: PageContext; offers: Pick<OffersBlock, "total" | "budget" | "byStatus">; label: LabelOf }) {
  const { t } = ctx;
  return (
    <RegisterBlock id="block-offered" heading={t("register.block.offered")}>
      <p class="register-figure">{t("register.offers.count", { count: offers.total })}</p>
      <MoneyFacts ctx={ctx} items={[["register.label.offerBudget", offers.budget]]} />
      <CountTable ctx={ctx} caption={t("register.offers.byStatus")} keyHeader={t("register.col.status")} rows={offers.byStatus} label={label.offerStatus} />
    </RegisterBlock>
  );
}

/** The "provided" summary block: activities, budget, committed and disbursed, and how many withheld ones count. */
export function ProvidedBlock({ ctx, total }: { ctx: PageContext; total: FiguresView }) {
  const { t } = ctx;
  return (
    <RegisterBlock id="block-provided" heading={t("register.block.provided")}>
      <p class="register-figure">{t("register.activities.total", { count: total.activities })}</p>
      <MoneyFacts
        ctx={ctx}
        items={[
          ["register.label.budget", total.budget],
          ["register.label.committed", total.committed],
          ["register.label.disbursed", total.disbursed],
        ]}
      />
      <WithheldNotice ctx={ctx} count={total.withheldIncluded} />
    </RegisterBlock>
  );
}
