import { INVOLVEMENTS, NATIONAL_ACTOR_TYPES } from "../../domain/cooperation/vocabularies.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import type { Position } from "../../domain/recommendations/recommendation-schemas.js";
import type { RecommendationPrefill } from "../../domain/requests/request-queries.js";
import { isNotAccepted } from "../../domain/requests/request-rules.js";
import { fieldError } from "../../web/components/form-errors.js";
import { dirOf, PositionBadge } from "../../web/components/recommendation-bits.js";
import { vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import type { PageContext } from "../../web/page-context.js";
import type { ActorRow } from "./request-form-data.js";

// Parts of the assistance-request form: the rows of national actors (R8) and the recommendations cited (R12).

export const excerpt = (s: string, n = 220) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The rows already filled, then blank ones to add more (at least three rows in all). */
export function actorRows(filled: ActorRow[]): ActorRow[] {
  const blank = { actorType: "", involvement: "", name: "", nameConsented: false };
  const rows = [...filled, blank, blank];
  while (rows.length < 3) rows.push(blank);
  return rows;
}

export function ActorFields({ ctx, row, index, problems }: { ctx: PageContext; row: ActorRow; index: number; problems: FieldProblem[] }) {
  const { t } = ctx;
  const base = `nationalActors.${index}`;
  const err = (name: string) => fieldError(problems, `${base}.${name}`);
  const select = (name: string, list: "actorType" | "involvement", codes: readonly string[], value: string, labelText: string) => (
    <div class={`field${err(name) ? " field-error" : ""}`}>
      <label for={`field-${base}.${name}`}>{labelText}</label>
      {err(name) && <span class="field-message">{err(name)}</span>}
      <select
        id={`field-${base}.${name}`}
        name={`${list === "actorType" ? "actorType" : "involvement"}_${index}`}
        aria-invalid={err(name) ? "true" : undefined}
      >
        <option value="">{t("req.form.choose")}</option>
        {codes.map((c) => (
          <option key={c} value={c} selected={c === value}>
            {vocabularyLabel(t, list, c)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset class="request-actor">
      <legend>{t("req.form.actorRow", { n: index + 1 })}</legend>
      <div class="request-row">
        {select("actorType", "actorType", NATIONAL_ACTOR_TYPES, row.actorType, t("req.form.actorType"))}
        {select("involvement", "involvement", INVOLVEMENTS, row.involvement, t("req.form.involvement"))}
      </div>
      <div class={`field${err("name") ? " field-error" : ""}`}>
        <label for={`field-${base}.name`}>{t("req.form.actorName")}</label>
        {err("name") && <span class="field-message">{err("name")}</span>}
        <input type="text" id={`field-${base}.name`} name={`actorName_${index}`} value={row.name} maxLength={200} />
      </div>
      <div class="field checkbox">
        <input type="checkbox" id={`field-${base}.nameConsented`} name={`actorConsent_${index}`} value="yes" checked={row.nameConsented} />
        <label for={`field-${base}.nameConsented`}>{t("req.form.actorConsent")}</label>
      </div>
    </fieldset>
  );
}

export function LinkedRecommendations({ ctx, linked }: { ctx: PageContext; linked: RecommendationPrefill }) {
  const { t } = ctx;
  if (linked.recommendations.length === 0) return null;
  return (
    <div class="request-linked">
      <p>
        <strong>{t("req.form.linked")}</strong>
      </p>
      <ul class="rec-list compact">
        {linked.recommendations.map((r) => (
          <li key={r.id} class="rec-item">
            <p class="rec-text" lang={r.textLang} dir={dirOf(r.textLang)}>
              {r.paragraph && <span class="rec-para">{r.paragraph} </span>}
              <a href={`/recommendations/${encodeURIComponent(r.id)}`}>{excerpt(r.text)}</a>
            </p>
            <p class="rec-meta">
              <PositionBadge ctx={ctx} position={r.position as Position} word={null} />
              {isNotAccepted(r.position) && <span class="badge badge-warn">{t("req.detail.notAccepted")}</span>}
              <code class="meta">{r.id}</code>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
