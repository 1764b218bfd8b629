import { defaultReleaseLabel, formatOfRelease } from "../../domain/education/closure-schemas.js";
import type { ClosureScale, ClosureSource } from "../../store/schema-education.js";
import { formatDate } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";

export type ReleaseNaming = { source: ClosureSource; scale: ClosureScale; label: string; coverageFrom: string; coverageTo: string };

/** A release's title in the page's language: the stored default label is English data, not interface text, so a
 * release keeping it is named by its format; a label given with `--label` is shown as given. */
export function releaseTitle(ctx: PageContext, r: ReleaseNaming): string {
  const format = formatOfRelease(r.source, r.scale);
  return r.label === defaultReleaseLabel(format, r.coverageFrom, r.coverageTo) ? ctx.t(`closure.format.${format}`) : r.label;
}

/** The title with the coverage, in the page's language and date format. */
export function releaseName(ctx: PageContext, r: ReleaseNaming): string {
  return ctx.t("edu.filter.releaseOption", {
    label: releaseTitle(ctx, r),
    from: formatDate(ctx.lang, r.coverageFrom),
    to: formatDate(ctx.lang, r.coverageTo),
  });
}
