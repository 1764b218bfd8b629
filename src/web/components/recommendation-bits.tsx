import type { Position } from "../../domain/recommendations/recommendation-schemas.js";
import type { PageContext } from "../page-context.js";

// Small pieces shared by the recommendation pages.

const POSITION_CLASS: Record<Position, string> = {
  supported: "badge badge-ok",
  noted: "badge badge-muted",
  partially_supported: "badge badge-warn",
  unclear: "badge badge-warn",
  pending: "badge badge-muted",
};

/** The position code in the page's language, with the source's own word when it differs ("Accepted"). */
export function PositionBadge({ ctx, position, word }: { ctx: PageContext; position: Position; word: string | null }) {
  const label = ctx.t(`position.${position}`);
  const showWord = word && word.toLowerCase() !== ctx.t(`position.${position}`).toLowerCase() && word.toLowerCase() !== position.replace("_", " ");
  return (
    <span class={POSITION_CLASS[position]}>
      {label}
      {showWord && <span class="badge-note"> ({ctx.t("position.asGiven", { word })})</span>}
    </span>
  );
}

/** Search matches arrive wrapped in \u0001 … \u0002 (never as markup): turn them into <mark> elements here. */
export function Highlighted({ text }: { text: string }) {
  const parts: (string | { mark: string })[] = [];
  let rest = text;
  for (;;) {
    const start = rest.indexOf(MARK_START);
    const end = start < 0 ? -1 : rest.indexOf(MARK_END, start);
    if (start < 0 || end < 0) {
      parts.push(rest.replaceAll(MARK_START, "").replaceAll(MARK_END, ""));
      break;
    }
    parts.push(rest.slice(0, start), { mark: rest.slice(start + 1, end) });
    rest = rest.slice(end + 1);
  }
  return <>{parts.map((p, i) => (typeof p === "string" ? p : <mark key={i}>{p.mark}</mark>))}</>;
}

const MARK_START = String.fromCharCode(1);
const MARK_END = String.fromCharCode(2);

/** Text direction for a text in a given language: a record keeps its own direction inside a page of another. */
export function dirOf(lang: string): "rtl" | "ltr" {
  return /^(ar|fa|he|ur)\b/.test(lang) ? "rtl" : "ltr";
}
