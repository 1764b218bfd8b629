import type { TableFormat } from "../../exports/hxl.js";
import type { PageContext } from "../page-context.js";

const FORMATS: { format: TableFormat; text: string; type: string; key: "opendata.download.csv" | "opendata.download.hxl" | "opendata.download.json" }[] = [
  { format: "csv", text: "CSV", type: "text/csv", key: "opendata.download.csv" },
  { format: "hxl", text: "HXL", type: "text/csv", key: "opendata.download.hxl" },
  { format: "json", text: "JSON", type: "application/json", key: "opendata.download.json" },
];

/**
 * "Download: CSV · HXL · JSON" under a public table. Each link's accessible name says what and how ("Download the
 * activities as CSV") and contains the visible text (WCAG 2.5.3 label in name). `dataset` is an already translated
 * noun phrase (e.g. t("opendata.dataset.activities")); `hrefs` come from tableDownloadHrefs().
 */
export function DownloadLinks({
  ctx,
  hrefs,
  dataset,
  about = true,
}: {
  ctx: PageContext;
  hrefs: Record<TableFormat, string>;
  dataset: string;
  /** Link to the open-data page that explains the formats (off on that page itself). */
  about?: boolean;
}) {
  const { t } = ctx;
  return (
    <p class="download-links">
      <span>{t("opendata.download.label")}</span>{" "}
      {FORMATS.map((f, i) => (
        <span key={f.format}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <a href={hrefs[f.format]} type={f.type} aria-label={t(f.key, { dataset })}>
            {f.text}
          </a>
        </span>
      ))}
      {about && (
        <>
          {" "}
          <a class="meta" href="/open-data">
            {t("opendata.download.about")}
          </a>
        </>
      )}
    </p>
  );
}
