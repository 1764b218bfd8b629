import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { suggestDacSectors } from "../../domain/activities/activity-codes.js";
import { getActivity, listLinkableRequests } from "../../domain/activities/activity-queries.js";
import type { ActivityDetail } from "../../domain/activities/activity-views.js";
import { listOrganizations } from "../../domain/accounts/organization-queries.js";
import { VISIBILITIES } from "../../domain/access/viewer.js";
import { AppError, isAppError } from "../../domain/core/app-error.js";
import { COOPERATION_TYPES, COVID_PHASES, MODALITIES } from "../../domain/cooperation/vocabularies.js";
import { LANGUAGE_INFO, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { uuidParam } from "./activity-detail-page.js";
import { type Body, ROUTES, SUBMITS } from "./activity-edit-submits.js";
import { DocumentForm, IndicatorForm, NationalActorForm, ParticipantForm, ResultForm, TransactionForm, ValueForm } from "./activity-edit-forms.js";
import { Checkbox, CheckboxGroup, type Choice, type FailedForm, formValues, formView, PostForm, Select, TextArea, TextInput } from "./activity-forms.js";
import { type ActivityCodeLabels, activityCodeLabels } from "./activity-labels.js";
import { field, sendPage } from "./render.js";

// /activities/:id/edit — one page, several small forms, each posting on its own and working without JavaScript
// (POST-redirect-GET; errors next to the fields with what was typed). The provider edits the record; the State
// concerned withholds details (with a reason) and names national actors.

type Props = {
  ctx: PageContext;
  a: ActivityDetail;
  codes: ActivityCodeLabels;
  failed?: FailedForm;
  saved?: string;
  organizations: Choice[];
  requests: Choice[];
};

function DetailsForm({ ctx, a, failed }: Props) {
  const { t } = ctx;
  const f = formView("details", failed);
  const labels: Record<string, string> = {
    title: t("activity.field.title"),
    description: t("activity.field.description"),
    plannedStart: t("activity.field.plannedStart"),
    plannedEnd: t("activity.field.plannedEnd"),
    actualStart: t("activity.field.actualStart"),
    actualEnd: t("activity.field.actualEnd"),
    dacSectors: t("activity.field.dacSectors"),
    sdgTargets: t("activity.field.sdgTargets"),
    themes: t("activity.field.themes"),
    modalities: t("activity.field.modalities"),
    cooperationType: t("activity.field.cooperationType"),
    genderMarker: t("activity.field.genderMarker"),
    disabilityMarker: t("activity.field.disabilityMarker"),
    defaultCurrency: t("activity.field.currency"),
    budgetAmount: t("activity.field.budget"),
    fund: t("activity.field.fund"),
    covidContext: t("activity.field.covid"),
    covidPhase: t("activity.field.covidPhase"),
    visibility: t("activity.field.visibility"),
    textLang: t("activity.field.language"),
    version: t("activity.field.version"),
  };
  const suggestion = suggestDacSectors(a.themes);
  const markers = [0, 1, 2].map((m) => ({ value: String(m), label: t(`activity.marker.${m}` as MessageKey) }));
  return (
    <PostForm ctx={ctx} f={f} action={`/activities/${a.id}/edit`} labels={labels} submit={t("activity.edit.save")}>
      <input type="hidden" name="version" value={String(a.version)} />
      <TextInput f={f} name="title" label={labels.title as string} value={f.value("title", a.title)} />
      <TextArea f={f} name="description" label={labels.description as string} value={f.value("description", a.description)} rows={6} />
      <TextInput f={f} type="date" name="plannedStart" label={labels.plannedStart as string} value={f.value("plannedStart", a.plannedStart)} />
      <TextInput f={f} type="date" name="plannedEnd" label={labels.plannedEnd as string} value={f.value("plannedEnd", a.plannedEnd)} />
      <TextInput f={f} type="date" name="actualStart" label={labels.actualStart as string} value={f.value("actualStart", a.actualStart)} />
      <TextInput f={f} type="date" name="actualEnd" label={labels.actualEnd as string} value={f.value("actualEnd", a.actualEnd)} />
      <TextInput
        f={f}
        name="dacSectors"
        label={labels.dacSectors as string}
        hint={suggestion.length > 0 ? t("activity.edit.sectorHintSuggest", { codes: suggestion.join(", ") }) : t("activity.edit.sectorHint")}
        value={f.value("dacSectors", a.dacSectors.join(", "))}
      />
      <TextInput
        f={f}
        name="sdgTargets"
        label={labels.sdgTargets as string}
        hint={t("activity.edit.sdgHint")}
        value={f.value("sdgTargets", a.sdgTargets.join(", "))}
      />
      <TextInput f={f} name="themes" label={labels.themes as string} hint={t("activity.edit.themesHint")} value={f.value("themes", a.themes.join(", "))} />
      <CheckboxGroup
        f={f}
        name="modalities"
        label={labels.modalities as string}
        choices={MODALITIES.map((m) => ({ value: m, label: t(`vocab.modality.${m}` as MessageKey) }))}
        checked={f.list("modalities", a.modalities)}
      />
      <Select
        f={f}
        name="cooperationType"
        label={labels.cooperationType as string}
        choices={COOPERATION_TYPES.map((c) => ({ value: c, label: t(`vocab.cooperationType.${c}` as MessageKey) }))}
        selected={[f.value("cooperationType", a.cooperationType)]}
        empty="—"
      />
      <Select
        f={f}
        name="genderMarker"
        label={labels.genderMarker as string}
        choices={markers}
        selected={[f.value("genderMarker", a.genderMarker?.toString())]}
        empty="—"
      />
      <Select
        f={f}
        name="disabilityMarker"
        label={labels.disabilityMarker as string}
        choices={markers}
        selected={[f.value("disabilityMarker", a.disabilityMarker?.toString())]}
        empty="—"
      />
      <TextInput
        f={f}
        name="budgetAmount"
        label={labels.budgetAmount as string}
        hint={t("activity.money.amountHint")}
        value={f.value("budgetAmount", a.budgetAmount)}
        inputMode="decimal"
      />
      <TextInput
        f={f}
        name="defaultCurrency"
        label={labels.defaultCurrency as string}
        hint={t("activity.edit.currencyHint")}
        value={f.value("defaultCurrency", a.defaultCurrency)}
      />
      <TextInput f={f} name="fund" label={labels.fund as string} value={f.value("fund", a.fund)} />
      <Checkbox
        f={f}
        name="covidContext"
        label={labels.covidContext as string}
        checked={failed?.name === "details" && failed.values ? f.value("covidContext") === "yes" : a.covidContext}
      />
      <Select
        f={f}
        name="covidPhase"
        label={labels.covidPhase as string}
        choices={COVID_PHASES.map((c) => ({ value: c, label: t(`vocab.covidPhase.${c}` as MessageKey) }))}
        selected={[f.value("covidPhase", a.covidPhase)]}
        empty="—"
      />
      <Select
        f={f}
        name="visibility"
        label={labels.visibility as string}
        hint={t("activity.edit.visibilityHint")}
        choices={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}` as MessageKey) }))}
        selected={[f.value("visibility", a.visibility)]}
      />
      <Select
        f={f}
        name="textLang"
        label={labels.textLang as string}
        choices={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }))}
        selected={[f.value("textLang", a.textLang)]}
      />
    </PostForm>
  );
}

function WithholdingForm({ ctx, a, failed }: Props) {
  const { t } = ctx;
  const f = formView("withholding", failed);
  const labels = { detailsWithheld: t("activity.withheld.field"), withheldReason: t("activity.field.withheldReason"), version: t("activity.field.version") };
  return (
    <PostForm ctx={ctx} f={f} action={`/activities/${a.id}/withholding`} labels={labels} submit={t("activity.withheld.save")}>
      <input type="hidden" name="version" value={String(a.version)} />
      <Checkbox
        f={f}
        name="detailsWithheld"
        label={labels.detailsWithheld}
        hint={t("activity.withheld.hint")}
        checked={failed?.name === "withholding" && failed.values ? f.value("detailsWithheld") === "yes" : a.detailsWithheld}
      />
      <TextArea f={f} name="withheldReason" label={labels.withheldReason} value={f.value("withheldReason", a.withheldReason)} rows={3} />
    </PostForm>
  );
}

function LinksForm({ ctx, a, failed, requests }: Props) {
  const { t } = ctx;
  const f = formView("links", failed);
  const labels = { requestIds: t("activity.field.requests"), recommendationIds: t("activity.field.recommendations") };
  const linked = new Set(a.requests.map((r) => r.id));
  return (
    <PostForm ctx={ctx} f={f} action={`/activities/${a.id}/links`} labels={labels} submit={t("activity.links.add")}>
      <Select
        f={f}
        name="requestIds"
        label={labels.requestIds}
        hint={t("activity.links.requestsHint")}
        multiple
        choices={requests.filter((r) => !linked.has(r.value))}
        selected={f.list("requestIds")}
      />
      <TextInput
        f={f}
        name="recommendationIds"
        label={labels.recommendationIds}
        hint={t("activity.links.recommendationsHint")}
        value={f.value("recommendationIds")}
      />
    </PostForm>
  );
}

function EditPage(props: Props) {
  const { ctx, a, saved } = props;
  const { t } = ctx;
  const section = (id: string, title: string, body: preact.ComponentChildren) => (
    <section aria-labelledby={`form-${id}`} class="edit-section">
      <h2 id={`form-${id}`}>{title}</h2>
      {saved === id && (
        <p class="notice" role="status">
          {t("activity.saved")}
        </p>
      )}
      {body}
    </section>
  );
  return (
    <Layout ctx={ctx} title={t("activity.edit.title", { title: a.title })} active="activities">
      <p class="meta">
        <a href={`/activities/${a.id}`}>{a.title}</a>
      </p>
      <h1>{t("activity.edit.title", { title: a.title })}</h1>
      <nav aria-label={t("activity.edit.sections")} class="toc">
        <ul>
          {a.viewerCan.manage &&
            ["details", "links", "participant", "transaction", "result", "indicator", "value", "document"].map((id) => (
              <li key={id}>
                <a href={`#form-${id}`}>{t(`activity.edit.section.${id}` as MessageKey)}</a>
              </li>
            ))}
          {a.viewerCan.actForState && (
            <li>
              <a href="#form-withholding">{t("activity.edit.section.withholding")}</a>
            </li>
          )}
          <li>
            <a href="#form-actor">{t("activity.edit.section.actor")}</a>
          </li>
        </ul>
      </nav>
      {a.viewerCan.manage && (
        <>
          {section("details", t("activity.edit.section.details"), <DetailsForm {...props} />)}
          {section("links", t("activity.edit.section.links"), <LinksForm {...props} />)}
          {section("participant", t("activity.edit.section.participant"), <ParticipantForm {...props} />)}
          {section("transaction", t("activity.edit.section.transaction"), <TransactionForm {...props} />)}
          {section("result", t("activity.edit.section.result"), <ResultForm {...props} />)}
          {section("indicator", t("activity.edit.section.indicator"), <IndicatorForm {...props} />)}
          {section("value", t("activity.edit.section.value"), <ValueForm {...props} />)}
          {section("document", t("activity.edit.section.document"), <DocumentForm {...props} />)}
        </>
      )}
      {a.viewerCan.actForState && section("withholding", t("activity.edit.section.withholding"), <WithholdingForm {...props} />)}
      {section("actor", t("activity.edit.section.actor"), <NationalActorForm {...props} />)}
    </Layout>
  );
}

export function registerActivityEditPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(request: FastifyRequest, reply: FastifyReply, a: ActivityDetail, failed?: FailedForm, status = 200) {
    if (!a.viewerCan.manage && !a.viewerCan.actForState)
      throw new AppError(request.viewer.userId ? "forbidden" : "unauthenticated", "Only the reporting provider or the State concerned can edit this activity");
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [codes, orgs, requests] = await Promise.all([
      activityCodeLabels(db, ctx.lang),
      a.viewerCan.manage ? listOrganizations(db, request.viewer, { limit: 500, offset: 0 }) : Promise.resolve({ items: [], total: 0 }),
      a.viewerCan.manage ? listLinkableRequests(db, request.viewer, a.stateIso3) : Promise.resolve([]),
    ]);
    const props: Props = {
      ctx,
      a,
      codes,
      failed,
      saved: field(request.query, "saved"),
      organizations: orgs.items.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
      requests: requests.map((r) => ({ value: r.id, label: `${r.reference ?? r.id} — ${r.title}` })),
    };
    return sendPage(reply, <EditPage {...props} />, status);
  }

  app.get("/activities/:id/edit", async (request, reply) => show(request, reply, await getActivity(db, request.viewer, uuidParam(request))));

  for (const [form, route] of Object.entries(ROUTES)) {
    app.post(`/activities/:id/${route}`, { preHandler: app.csrfProtection }, async (request, reply) => {
      const a = await getActivity(db, request.viewer, uuidParam(request));
      const body = (request.body ?? {}) as Body;
      try {
        await (SUBMITS[form] as (typeof SUBMITS)[string])({ db, request, a, body });
        return reply.redirect(`/activities/${a.id}/edit?saved=${form}#form-${form}`, 303);
      } catch (e) {
        if (isAppError(e) && e.code !== "not_found") {
          // After a conflict the form shows the current record (the hidden version is fresh) with the message.
          const current = e.code === "conflict" ? await getActivity(db, request.viewer, a.id) : a;
          return show(
            request,
            reply,
            current,
            { name: form, ...(e.code === "conflict" ? {} : { values: formValues(body) }), problems: e.problems, message: e.message },
            HTTP_STATUS[e.code],
          );
        }
        throw e;
      }
    });
  }
}
