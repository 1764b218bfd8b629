import type { Digest } from "../../domain/coordination/coordination-schemas.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { counterpartText, datesText } from "./coordination-parts.js";
import type { CodeLabels } from "./page-labels.js";

// The digest as CSV rows (R16): one row per item, in the digest's language, so a focal point can sort and filter it in
// a spreadsheet. Cells are made formula-safe by exports/csv.ts.

/** Status and change labels shared with the digest page. */
export const requestStatus = (ctx: PageContext, s: string | null) => (s ? ctx.t(`digest.requestStatus.${s}` as MessageKey) : "—");
export const activityStatus = (ctx: PageContext, s: number | null) => (s === null ? "—" : ctx.t(`coord.status.${s}` as MessageKey));
export const change = (ctx: PageContext, from: string, to: string) => ctx.t("digest.change", { from, to });

/** One CSV row per digest item: section, date, item, details, amount, currency, record id. */
export function digestRows(ctx: PageContext, d: Digest, labels: CodeLabels): string[][] {
  const { t } = ctx;
  const rows: string[][] = [];
  const add = (section: MessageKey, date: string, item: string, detail: string, id: string, amount = "", currency = "") =>
    rows.push([t(section), date, item, detail, amount, currency, id]);
  const title = (reference: string | null, text: string) => [reference, text].filter(Boolean).join(" — ");
  for (const r of d.requestsSubmitted) add("digest.requests", r.date, title(r.reference, r.title), requestStatus(ctx, r.status), r.id);
  for (const e of d.requestStatusChanges)
    add(
      "digest.requestChanges",
      e.date,
      title(e.reference, e.title),
      [change(ctx, requestStatus(ctx, e.from), requestStatus(ctx, e.to)), e.reason].filter(Boolean).join(" · "),
      e.id,
    );
  for (const o of d.offersReceived)
    add(
      "digest.offers",
      o.date,
      o.title,
      [o.providerName, o.requestReference, t(`digest.offerStatus.${o.status}` as MessageKey)].filter(Boolean).join(" · "),
      o.id,
    );
  for (const a of d.activitiesRecorded) add("digest.activitiesRecorded", a.date, a.title, `${a.providerName} · ${activityStatus(ctx, a.status)}`, a.id);
  for (const a of d.activitiesStarted) add("digest.activitiesStarted", a.date, a.title, `${a.providerName} · ${activityStatus(ctx, a.status)}`, a.id);
  for (const e of d.activityStatusChanges)
    add(
      "digest.activityChanges",
      e.date,
      e.title,
      [e.providerName, change(ctx, activityStatus(ctx, e.from), activityStatus(ctx, e.to)), e.reason].filter(Boolean).join(" · "),
      e.id,
    );
  if (d.withheldActivities !== null) add("digest.section.activities", d.to, t("coord.withheld", { count: d.withheldActivities }), "", "");
  for (const c of d.consents)
    add(
      "digest.consents",
      c.date,
      c.activityTitle,
      [t(`digest.consent.${c.event}`), c.grantedByName, c.channelReference, c.revocationReason].filter(Boolean).join(" · "),
      c.activityId,
    );
  for (const s of d.transactionTotals)
    add("digest.totals", d.to, t(`digest.transactionType.${s.type}` as MessageKey), String(s.count), "", s.amount, s.currency);
  for (const x of d.transactions)
    add("digest.transactionList", x.date, x.activityTitle, t(`digest.transactionType.${x.type}` as MessageKey), x.activityId, x.amount, x.currency);
  for (const w of d.overlaps)
    add(
      "coord.overlaps",
      w.overlap.start,
      `${w.first.title} (${w.first.providerName}) ${t("coord.overlap.and")} ${w.second.title} (${w.second.providerName})`,
      [
        w.counterparts.map((c) => counterpartText(ctx, c)).join(", "),
        [...w.themes.map((c) => labels.theme(c)), ...w.sdgTargets].join(", "),
        datesText(ctx, w.overlap.start, w.overlap.end),
      ].join(" · "),
      `${w.first.id} ${w.second.id}`,
    );
  return rows;
}
