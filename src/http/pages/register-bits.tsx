import type { ComponentChildren } from "preact";
import type { Figures } from "../../domain/transparency/disclosure.js";
import type { ExchangeRate } from "../../domain/transparency/exchange-rate-service.js";
import type { Money } from "../../domain/transparency/money.js";
import type { CountRow } from "../../domain/transparency/register-schemas.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatNumber, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { formatMoney } from "./activity-bits.js";

// Pieces of the register pages (R14): money in US dollars with the original currencies, figures of a breakdown row,
// breakdown tables with their "not broken down" row, and the notes that say how the figures are made.

type Hrefs = Parameters<typeof DownloadLinks>[0]["hrefs"];

const hasMoney = (m: Money) => m.byCurrency.length > 0 || m.unconverted.length > 0;

function NoteRef({ ctx, id, mark, text }: { ctx: PageContext; id: string; mark: string; text: MessageKey }) {
  return (
    <a href={`#${id}`} class="note-ref">
      <span aria-hidden="true">{mark}</span>
      <span class="visually-hidden">{ctx.t(text)}</span>
    </a>
  );
}

/** US dollars first; the original currencies under it when any is not the dollar; unconverted amounts apart. */
export function MoneyView({ ctx, money }: { ctx: PageContext; money: Money }) {
  const { t, lang } = ctx;
  if (!hasMoney(money)) return <span class="meta">—</span>;
  const foreign = money.byCurrency.some((a) => a.currency !== "USD");
  return (
    <span class="money">
      {money.byCurrency.length > 0 && (
        <span class="money-usd">
          {formatMoney(lang, money.usd, "USD")}
          {money.nearestYear && <NoteRef ctx={ctx} id="note-nearest" mark="†" text="register.notes.nearest.short" />}
          {money.currenciesIncomplete && <NoteRef ctx={ctx} id="note-mixed" mark="‡" text="register.notes.mixed.short" />}
        </span>
      )}
      {foreign && <span class="money-original">{money.byCurrency.map((a) => formatMoney(lang, a.amount, a.currency)).join(" · ")}</span>}
      {money.unconverted.map((a) => (
        <span key={a.currency} class="money-unconverted">
          {t("register.money.notConverted", { amount: formatMoney(lang, a.amount, a.currency) })}
        </span>
      ))}
    </span>
  );
}

export function figureHeaders(ctx: PageContext): string[] {
  const { t } = ctx;
  return [t("register.col.activities"), t("register.col.budget"), t("register.col.committed"), t("register.col.disbursed")];
}

export function FigureCells({ ctx, f }: { ctx: PageContext; f: Figures }) {
  return (
    <>
      <td class="num">{formatNumber(ctx.lang, f.activities)}</td>
      <td class="num">
        <MoneyView ctx={ctx} money={f.budget} />
      </td>
      <td class="num">
        <MoneyView ctx={ctx} money={f.committed} />
      </td>
      <td class="num">
        <MoneyView ctx={ctx} money={f.disbursed} />
      </td>
    </>
  );
}

export type BreakdownLine = { key: string; head: ComponentChildren; figures: Figures };

/** A breakdown of activities: one row per cell, then the groups of withheld activities that fall in no single row. */
export function BreakdownTable({
  ctx,
  id,
  heading,
  caption,
  keyHeader,
  lines,
  notBrokenDown,
  note,
  hrefs,
}: {
  ctx: PageContext;
  id: string;
  heading: string;
  caption: string;
  keyHeader: string;
  lines: BreakdownLine[];
  notBrokenDown: Figures | null;
  note?: string;
  hrefs: Hrefs;
}) {
  const { t } = ctx;
  return (
    <section class="register-section" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      {lines.length === 0 && !notBrokenDown ? (
        <p>{t("register.none")}</p>
      ) : (
        <ScrollTable caption={caption} headers={[keyHeader, ...figureHeaders(ctx)]}>
          {lines.map((l) => (
            <tr key={l.key}>
              <th scope="row">{l.head}</th>
              <FigureCells ctx={ctx} f={l.figures} />
            </tr>
          ))}
          {notBrokenDown && <NotBrokenDownRow ctx={ctx} f={notBrokenDown} />}
        </ScrollTable>
      )}
      {note && <p class="meta">{note}</p>}
      <DownloadLinks ctx={ctx} hrefs={hrefs} dataset={t("register.dataset.table", { table: heading })} />
    </section>
  );
}

export function NotBrokenDownRow({ ctx, f }: { ctx: PageContext; f: Figures }) {
  return (
    <tr class="register-withheld">
      <th scope="row">
        <a href="#register-notes">{ctx.t("register.notBrokenDown")}</a>
      </th>
      <FigureCells ctx={ctx} f={f} />
    </tr>
  );
}

/** Counts by a key, as a small two-column table. */
export function CountTable({
  ctx,
  caption,
  keyHeader,
  rows,
  label,
}: {
  ctx: PageContext;
  caption: string;
  keyHeader: string;
  rows: CountRow[];
  label: (key: string) => string;
}) {
  if (rows.length === 0) return null;
  return (
    <ScrollTable caption={caption} headers={[keyHeader, ctx.t("register.col.count")]}>
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">{label(r.key)}</th>
          <td class="num">{formatNumber(ctx.lang, r.count)}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

export function WithheldNotice({ ctx, count }: { ctx: PageContext; count: number }) {
  if (count === 0) return null;
  return (
    <p class="notice register-withheld-notice">
      {ctx.t("register.withheld.included", { count })} <a href="#register-notes">{ctx.t("register.notes.link")}</a>
    </p>
  );
}

/** How the figures are made: the small-cell rule and the conversion rule, with the rates the page used. */
export function RegisterNotes({ ctx, rates }: { ctx: PageContext; rates: ExchangeRate[] }) {
  const { t, lang } = ctx;
  return (
    <section class="register-notes" aria-labelledby="register-notes">
      <h2 id="register-notes">{t("register.notes.heading")}</h2>
      <p>{t("register.notes.smallCell")}</p>
      <p>{t("register.notes.conversion")}</p>
      <p id="note-nearest">{t("register.notes.nearest")}</p>
      <p id="note-mixed">{t("register.notes.mixed")}</p>
      {rates.length > 0 && (
        <ScrollTable
          caption={t("register.notes.rates.caption")}
          headers={[t("register.col.currency"), t("register.col.year"), t("register.col.rate"), t("register.col.observations"), t("register.col.source")]}
        >
          {rates.map((r) => (
            <tr key={`${r.currency}-${r.year}`}>
              <th scope="row">{r.currency}</th>
              <td>{r.year}</td>
              <td class="num">{formatDecimalRate(lang, r.unitsPerUsd)}</td>
              <td class="num">{formatNumber(lang, r.observations)}</td>
              <td>{r.source}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}

function formatDecimalRate(lang: PageContext["lang"], rate: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 8 }).format(rate as Intl.StringNumericLiteral);
}

/** A "requested / offered / provided" block. */
export function RegisterBlock({ id, heading, children }: { id: string; heading: string; children: ComponentChildren }) {
  return (
    <section class="register-block" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

/** Label–value pairs of money in a block. */
export function MoneyFacts({ ctx, items }: { ctx: PageContext; items: [MessageKey, Money][] }) {
  return (
    <dl class="register-facts">
      {items.map(([key, money]) => (
        <div key={key}>
          <dt>{ctx.t(key)}</dt>
          <dd>
            <MoneyView ctx={ctx} money={money} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
