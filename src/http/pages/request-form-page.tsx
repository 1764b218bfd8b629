import { COVID_PHASES, FUNDS } from "../../domain/cooperation/vocabularies.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import type { ProviderChoice, RecommendationPrefill, StatePledge } from "../../domain/requests/request-queries.js";
import { COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS } from "../../domain/requests/request-rules.js";
import type { TaxonomyTerm } from "../../domain/reference/reference-schemas.js";
import { FormErrors, fieldError } from "../../web/components/form-errors.js";
import { VocabularyCheckboxes, vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { LANGUAGE_INFO, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { CheckboxGroup, SelectInput, TextField } from "./request-bits.js";
import { ActorFields, actorRows, excerpt, LinkedRecommendations } from "./request-form-parts.js";
import { type RequestForm, UN_LANGUAGE_CODES } from "./request-form-data.js";

// The guided assistance-request form (R12): sections in fieldsets, checkbox groups instead of script-driven
// multi-selects, "save draft" and "save and submit" buttons; it works without JavaScript and keeps what was typed.

export type FormChoices = {
  institutions: { organizationId: string; label: string }[];
  providers: ProviderChoice[];
  themes: TaxonomyTerm[];
  persons: TaxonomyTerm[];
  sdgGoals: TaxonomyTerm[];
  sdgTargets: TaxonomyTerm[];
  pledges: StatePledge[];
  linked: RecommendationPrefill;
};

export type FormPageProps = {
  ctx: PageContext;
  mode: "new" | "edit";
  requestId?: string;
  form: RequestForm;
  choices: FormChoices;
  problems: FieldProblem[];
  message?: string | undefined;
  /** The form came back from a stale save: the hidden version now carries the current one, so saving again replaces it. */
  conflict?: boolean;
  /** Shown above the form (e.g. the recommendations it started from). */
  notices?: string[];
};

const label = (ctx: PageContext, term: TaxonomyTerm) => term.labels[ctx.lang] ?? term.labels.en ?? term.code;
const SDG_GOAL_ALWAYS_SHOWN = "4"; // res. 45/32 OP7: the right to education and SDG 4

/** SDG goals whose targets are listed as checkboxes: goal 4, the goals the recommendations cite, goals already chosen. */
function shownGoals(form: RequestForm, linked: RecommendationPrefill): string[] {
  const goals = new Set([SDG_GOAL_ALWAYS_SHOWN, ...linked.sdgGoals.map(String), ...form.sdgTargets.map((t) => t.split(".")[0] as string)]);
  return [...goals].sort((a, b) => Number(a) - Number(b));
}

export function RequestFormPage({ ctx, mode, requestId, form, choices, problems, message, conflict, notices = [] }: FormPageProps) {
  const { t } = ctx;
  const title = mode === "new" ? t("req.form.newTitle") : t("req.form.editTitle");
  const action = mode === "new" ? "/requests/new" : `/requests/${requestId}/edit`;
  const goals = shownGoals(form, choices.linked);
  const themeGroups = choices.themes.filter((th) => th.parentCode === null);
  return (
    <Layout ctx={ctx} title={title} active="requests">
      <p class="meta">
        <a href="/requests">{t("req.list.title")}</a>
        {requestId && (
          <>
            {" · "}
            <a href={`/requests/${requestId}`}>{form.title.trim() || t("req.untitled")}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      <p class="lead">{t("req.form.lead")}</p>
      {conflict && (
        <div class="error-summary" role="alert">
          <p class="error-summary-message">{t("req.form.conflict")}</p>
          <p>
            <a href={`/requests/${requestId}`} target="_blank" rel="noopener">
              {t("req.form.conflictLink")}
            </a>
          </p>
        </div>
      )}
      {!conflict && <FormErrors ctx={ctx} problems={problems} message={message} />}
      {notices.map((n) => (
        <p class="notice" role="status" key={n}>
          {n}
        </p>
      ))}
      <form method="post" action={action} class="stacked request-form" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {form.version && <input type="hidden" name="version" value={form.version} />}

        <fieldset class="form-section">
          <legend>{t("req.form.section.authority")}</legend>
          {mode === "new" && choices.institutions.length > 1 ? (
            <SelectInput
              name="organizationId"
              label={t("req.form.organization")}
              options={choices.institutions.map((i) => ({ value: i.organizationId, label: i.label }))}
              selected={form.organizationId}
              problems={problems}
            />
          ) : (
            <>
              <input type="hidden" name="organizationId" value={form.organizationId} />
              <p>
                <strong>{t("req.form.organization")}:</strong>{" "}
                {choices.institutions.find((i) => i.organizationId === form.organizationId)?.label ?? choices.institutions[0]?.label}
              </p>
            </>
          )}
          <TextField
            name="channelReference"
            label={t("req.form.channel")}
            hint={t("req.form.channelHint")}
            value={form.channelReference}
            problems={problems}
            maxLength={200}
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.needs")}</legend>
          <TextField name="title" label={t("req.form.title")} hint={t("req.form.titleHint")} value={form.title} problems={problems} required maxLength={300} />
          <TextField
            name="needsStatement"
            label={t("req.form.needs")}
            hint={t("req.form.needsHint")}
            value={form.needsStatement}
            problems={problems}
            multiline={6}
            required
          />
          <TextField name="objectives" label={t("req.form.objectives")} value={form.objectives} problems={problems} multiline={4} />
          <TextField
            name="priorityRank"
            label={t("req.form.priority")}
            hint={t("req.form.priorityHint")}
            value={form.priorityRank}
            problems={problems}
            inputMode="numeric"
          />
          <SelectInput
            name="textLang"
            label={t("req.form.textLang")}
            options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }))}
            selected={form.textLang}
            problems={problems}
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.providers")}</legend>
          <CheckboxGroup
            name="providerIds"
            legend={t("req.form.providers")}
            hint={t("req.form.providersHint")}
            options={choices.providers.map((p) => ({ value: p.id, label: `${p.acronym ? `${p.acronym} — ` : ""}${p.name} (${t(`orgType.${p.type}`)})` }))}
            selected={form.providerIds}
            problems={problems}
            wide
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.legal")}</legend>
          <LinkedRecommendations ctx={ctx} linked={choices.linked} />
          <TextField
            name="recommendationIds"
            label={t("req.form.recommendations")}
            hint={t("req.form.recommendationsHint")}
            value={form.recommendationIds}
            problems={problems}
            multiline={4}
            dir="ltr"
          />
          <TextField
            name="treatyArticles"
            label={t("req.form.treaty")}
            hint={t("req.form.treatyHint")}
            value={form.treatyArticles}
            problems={problems}
            multiline={3}
          />
          {choices.pledges.length > 0 ? (
            <CheckboxGroup
              name="pledgeIds"
              legend={t("req.form.pledges")}
              options={choices.pledges.map((p) => ({ value: p.id, label: excerpt(p.text), lang: p.textLang }))}
              selected={form.pledgeIds}
              problems={problems}
              wide
            />
          ) : (
            <p class="meta">{t("req.form.noPledges")}</p>
          )}
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.tags")}</legend>
          <fieldset id="field-themes" class={`field vocabulary-field${fieldError(problems, "themes") ? " field-error" : ""}`}>
            <legend>{t("req.form.themes")}</legend>
            {fieldError(problems, "themes") && <span class="field-message">{fieldError(problems, "themes")}</span>}
            {themeGroups.map((g) => (
              <div key={g.code} class="request-option-group">
                <p class="meta">{label(ctx, g)}</p>
                <div class="vocabulary-options">
                  {choices.themes
                    .filter((th) => th.parentCode === g.code)
                    .map((th) => (
                      <div class="field checkbox" key={th.code}>
                        <input type="checkbox" id={`field-themes-${th.code}`} name="themes" value={th.code} checked={form.themes.includes(th.code)} />
                        <label for={`field-themes-${th.code}`}>
                          {th.code} {label(ctx, th)}
                        </label>
                      </div>
                    ))}
                </div>
              </div>
            ))}
          </fieldset>
          <CheckboxGroup
            name="persons"
            legend={t("req.form.persons")}
            options={choices.persons.map((p) => ({ value: p.code, label: label(ctx, p) }))}
            selected={form.persons}
            problems={problems}
          />
          <fieldset id="field-sdgTargets" class={`field vocabulary-field${fieldError(problems, "sdgTargets") ? " field-error" : ""}`}>
            <legend>{t("req.form.sdgTargets")}</legend>
            {choices.linked.sdgGoals.length > 0 && <span class="meta">{t("req.form.sdgSuggested", { goals: choices.linked.sdgGoals.join(", ") })}</span>}
            {fieldError(problems, "sdgTargets") && <span class="field-message">{fieldError(problems, "sdgTargets")}</span>}
            {goals.map((goal) => {
              const goalTerm = choices.sdgGoals.find((g) => g.code === goal);
              return (
                <div key={goal} class="request-option-group">
                  <p class="meta">{t("req.form.sdgGoal", { goal, title: goalTerm ? label(ctx, goalTerm) : "" })}</p>
                  <div class="vocabulary-options request-options-wide">
                    {choices.sdgTargets
                      .filter((target) => target.parentCode === goal)
                      .map((target) => (
                        <div class="field checkbox" key={target.code}>
                          <input
                            type="checkbox"
                            id={`field-sdgTargets-${target.code}`}
                            name="sdgTargets"
                            value={target.code}
                            checked={form.sdgTargets.includes(target.code)}
                          />
                          <label for={`field-sdgTargets-${target.code}`}>
                            <strong>{target.code}</strong> <span lang={target.labels[ctx.lang] ? ctx.lang : "en"}>{excerpt(label(ctx, target), 140)}</span>
                          </label>
                        </div>
                      ))}
                  </div>
                </div>
              );
            })}
            <TextField name="sdgOther" label={t("req.form.sdgOther")} hint={t("req.form.sdgOtherHint")} value={form.sdgOther} problems={problems} dir="ltr" />
          </fieldset>
          <VocabularyCheckboxes ctx={ctx} name="iscedLevels" list="isced" selected={form.iscedLevels} error={fieldError(problems, "iscedLevels")} />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.covid")}</legend>
          <div class="field checkbox">
            <input type="checkbox" id="field-covidContext" name="covidContext" value="yes" checked={form.covidContext} aria-describedby="covidContext-hint" />
            <label for="field-covidContext">{t("req.form.covid")}</label>
            <span class="meta" id="covidContext-hint">
              {t("req.form.covidHint", { days: COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS })}
            </span>
          </div>
          <SelectInput
            name="covidPhase"
            label={t("vocab.covidPhase.label" as MessageKey)}
            options={COVID_PHASES.map((p) => ({ value: p, label: vocabularyLabel(t, "covidPhase", p) }))}
            selected={form.covidPhase}
            noneLabel={t("req.form.covidPhaseNone")}
            problems={problems}
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.assistance")}</legend>
          <VocabularyCheckboxes ctx={ctx} name="modalities" list="modality" selected={form.modalities} error={fieldError(problems, "modalities")} />
          <VocabularyCheckboxes
            ctx={ctx}
            name="continuityNeeds"
            list="continuityNeed"
            selected={form.continuityNeeds}
            error={fieldError(problems, "continuityNeeds")}
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.practical")}</legend>
          <div class="request-row">
            <TextField name="timeframeStart" type="date" label={t("req.form.start")} value={form.timeframeStart} problems={problems} />
            <TextField name="timeframeEnd" type="date" label={t("req.form.end")} value={form.timeframeEnd} problems={problems} />
          </div>
          <CheckboxGroup
            name="workingLanguages"
            legend={t("req.form.languages")}
            options={UN_LANGUAGE_CODES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName, lang: l }))}
            selected={form.workingLanguages}
            problems={problems}
          />
          <TextField
            name="languagesOther"
            label={t("req.form.languagesOther")}
            hint={t("req.form.languagesOtherHint")}
            value={form.languagesOther}
            problems={problems}
            dir="ltr"
          />
          <div class="request-row">
            <TextField
              name="budgetAmount"
              label={t("req.form.amount")}
              hint={t("req.form.amountHint")}
              value={form.budgetAmount}
              problems={problems}
              inputMode="decimal"
              dir="ltr"
            />
            <TextField
              name="budgetCurrency"
              label={t("req.form.currency")}
              hint={t("req.form.currencyHint")}
              value={form.budgetCurrency}
              problems={problems}
              maxLength={3}
              dir="ltr"
            />
          </div>
          <SelectInput
            name="fundRequested"
            label={t("req.form.fund")}
            hint={t("vocab.fund.help" as MessageKey)}
            options={FUNDS.map((f) => ({ value: f, label: vocabularyLabel(t, "fund", f) }))}
            selected={form.fundRequested}
            noneLabel={t("req.form.fundNone")}
            problems={problems}
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.actors")}</legend>
          <p class="meta">{t("req.form.actorsHint")}</p>
          {actorRows(form.actors).map((row, i) => (
            <ActorFields key={i} ctx={ctx} row={row} index={i} problems={problems} />
          ))}
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("req.form.section.visibility")}</legend>
          <div id="field-visibility" class="field">
            {(["state_and_un", "public"] as const).map((v) => (
              <div class="field checkbox" key={v}>
                <input type="radio" id={`field-visibility-${v}`} name="visibility" value={v} checked={form.visibility === v} />
                <label for={`field-visibility-${v}`}>{t(`req.visibility.${v}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>

        <div class="request-buttons">
          <button type="submit" name="intent" value="save" class="button button-secondary">
            {t("req.form.save")}
          </button>
          <button type="submit" name="intent" value="submit" class="button">
            {t("req.form.submit")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
