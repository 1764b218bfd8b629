import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import { addSeries, editSeries, getSeries } from "../../domain/education/indicator-service.js";
import { canRecordMonitoring } from "../../domain/education/monitoring-access.js";
import {
  AGE_BANDS,
  CHILDREN_PARTICIPATION,
  FREQUENCIES,
  INDICATOR_UNITS,
  MECHANISM_KINDS,
  MONITORED_SUBJECTS,
  type NewMechanism,
  type NewSeries,
} from "../../domain/education/monitoring-schemas.js";
import { addMechanism, editMechanism, getMechanism, listStateMechanisms, removeMechanism } from "../../domain/education/monitoring-service.js";
import { splitCodes } from "../../domain/profiles/profile-schemas.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import {
  Checkboxes,
  fieldList,
  languageOptions,
  MonitoringFormPage,
  type Problems,
  Select,
  TextArea,
  TextInput,
  visibilityOptions,
} from "./monitoring-form-fields.js";
import { codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";

// The monitoring forms (R25, R26, R27): plain HTML, POST-redirect-GET, errors next to their fields with what was
// typed kept, and the version edited sent back so a colleague's change is never overwritten.

type MechanismForm = Record<Exclude<keyof NewMechanism, "monitors" | "ageBands">, string> & { monitors: string[]; ageBands: string[] };
type SeriesForm = Record<keyof NewSeries, string>;
export type Editor = { ctx: PageContext; iso3: string; state: string };

const FORM_ERRORS: Record<string, number> = { invalid_input: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, rule_violation: 422 };

/** Known refusals re-show the form with what was typed; anything else is the error page. */
export function refusal(e: unknown, editHref: string | null): { problems: Problems; status: number } {
  if (!isAppError(e) || !(e.code in FORM_ERRORS) || e.code === "not_found") throw e;
  const conflictHref = e.code === "conflict" && editHref ? editHref : undefined;
  return { problems: { problems: e.problems.filter((p) => p.field !== "version"), message: e.message, conflictHref }, status: FORM_ERRORS[e.code] ?? 400 };
}

/** The page context of someone who may record monitoring for the State, or a redirect to sign in. */
export async function editorContext(deps: ServerDeps, request: FastifyRequest, reply: FastifyReply): Promise<Editor | null> {
  const iso3 = (request.params as { iso3: string }).iso3.toUpperCase();
  if (!request.viewer.userId) {
    await reply.redirect(`/login?next=${encodeURIComponent(request.url.split("?")[0] ?? "/")}`, 303);
    return null;
  }
  if (!canRecordMonitoring(request.viewer, iso3)) {
    throw new AppError("forbidden", `Only the State focal point or NMIRF of ${iso3}, or OHCHR and UN agency staff, can record its education monitoring`);
  }
  const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
  const labels = await codeLabels(deps.handle.db, ctx.lang);
  return { ctx, iso3, state: labels.country(iso3) };
}

function MechanismFields({ ctx, form, problems }: { ctx: PageContext; form: MechanismForm; problems: FieldProblem[] }) {
  const { t } = ctx;
  const choices = <K extends string>(values: readonly K[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as never) }));
  return (
    <>
      <TextInput id="name" label={t("monitoring.f.name")} value={form.name} problems={problems} />
      <Select id="kind" label={t("monitoring.f.kind")} value={form.kind} problems={problems} options={choices(MECHANISM_KINDS, "monitoring.kind")} />
      <TextInput id="leadInstitution" label={t("monitoring.f.leadInstitution")} value={form.leadInstitution} problems={problems} />
      <Checkboxes
        id="monitors"
        legend={t("monitoring.f.monitors")}
        options={choices(MONITORED_SUBJECTS, "monitoring.subject")}
        checked={form.monitors}
        problems={problems}
      />
      <Select
        id="frequency"
        label={t("monitoring.f.frequency")}
        value={form.frequency}
        problems={problems}
        options={choices(FREQUENCIES, "monitoring.frequency")}
      />
      <TextArea id="description" label={t("monitoring.f.description")} value={form.description} problems={problems} rows={4} />
      <TextInput id="url" label={t("monitoring.f.url")} value={form.url} problems={problems} />
      <fieldset class="form-group">
        <legend>{t("monitoring.f.childrenLegend")}</legend>
        <p class="notice" id="children-help">
          {t("monitoring.f.childrenHelp")}
        </p>
        <Select
          id="childrenParticipation"
          label={t("monitoring.f.participation")}
          value={form.childrenParticipation}
          problems={problems}
          options={choices(CHILDREN_PARTICIPATION, "monitoring.participation")}
        />
        <TextInput id="consultationsCount" type="number" label={t("monitoring.f.consultations")} value={form.consultationsCount} problems={problems} />
        <TextInput id="childrenConsulted" type="number" label={t("monitoring.f.childrenConsulted")} value={form.childrenConsulted} problems={problems} />
        <TextInput id="girlsConsulted" type="number" label={t("monitoring.f.girlsConsulted")} value={form.girlsConsulted} problems={problems} />
        <Checkboxes
          id="ageBands"
          legend={t("monitoring.f.ageBands")}
          options={AGE_BANDS.map((b) => ({ value: b, label: b }))}
          checked={form.ageBands}
          problems={problems}
        />
        <TextArea
          id="safeguards"
          label={t("monitoring.f.safeguards")}
          hint={t("monitoring.f.safeguardsHint")}
          value={form.safeguards}
          problems={problems}
          rows={3}
        />
        <TextArea
          id="keyMessages"
          label={t("monitoring.f.keyMessages")}
          hint={t("monitoring.f.keyMessagesHint")}
          value={form.keyMessages}
          problems={problems}
          rows={4}
        />
      </fieldset>
      <TextInput id="sdgTargets" label={t("monitoring.f.sdg")} hint={t("monitoring.f.sdgHint")} value={form.sdgTargets} problems={problems} />
      <Select id="textLang" label={t("monitoring.f.textLang")} value={form.textLang} problems={problems} options={languageOptions()} />
      <Select id="visibility" label={t("monitoring.f.visibility")} value={form.visibility} problems={problems} options={visibilityOptions(ctx)} />
    </>
  );
}

function SeriesFields({
  ctx,
  form,
  problems,
  mechanisms,
}: {
  ctx: PageContext;
  form: SeriesForm;
  problems: FieldProblem[];
  mechanisms: { id: string; name: string }[];
}) {
  const { t } = ctx;
  const hint = t("monitoring.f.numberHint");
  return (
    <>
      <TextInput id="title" label={t("monitoring.f.title")} value={form.title} problems={problems} />
      <TextInput
        id="sdgIndicator"
        label={t("monitoring.f.sdgIndicator")}
        hint={t("monitoring.f.sdgIndicatorHint")}
        value={form.sdgIndicator}
        problems={problems}
      />
      <Select
        id="unit"
        label={t("monitoring.f.unit")}
        value={form.unit}
        problems={problems}
        options={INDICATOR_UNITS.map((u) => ({ value: u, label: t(`monitoring.unit.${u}`) }))}
      />
      <TextInput id="source" label={t("monitoring.f.source")} value={form.source} problems={problems} />
      <Select
        id="mechanismId"
        label={t("monitoring.f.mechanism")}
        value={form.mechanismId}
        problems={problems}
        options={[{ value: "", label: t("monitoring.f.noMechanism") }, ...mechanisms.map((m) => ({ value: m.id, label: m.name }))]}
      />
      <TextInput id="baselineYear" type="number" label={t("monitoring.f.baselineYear")} value={form.baselineYear} problems={problems} />
      <TextInput id="baselineValue" label={t("monitoring.f.baselineValue")} hint={hint} value={form.baselineValue} problems={problems} />
      <TextInput id="targetYear" type="number" label={t("monitoring.f.targetYear")} value={form.targetYear} problems={problems} />
      <TextInput id="targetValue" label={t("monitoring.f.targetValue")} hint={hint} value={form.targetValue} problems={problems} />
      <Select id="textLang" label={t("monitoring.f.textLang")} value={form.textLang} problems={problems} options={languageOptions()} />
      <Select id="visibility" label={t("monitoring.f.visibility")} value={form.visibility} problems={problems} options={visibilityOptions(ctx)} />
    </>
  );
}

// ---- form values ↔ domain input ----

const MECHANISM_TEXT = [
  "name",
  "kind",
  "leadInstitution",
  "frequency",
  "description",
  "url",
  "childrenParticipation",
  "consultationsCount",
  "childrenConsulted",
  "girlsConsulted",
  "safeguards",
  "keyMessages",
  "sdgTargets",
  "textLang",
  "visibility",
] as const;
const SERIES_TEXT = [
  "title",
  "sdgIndicator",
  "unit",
  "source",
  "mechanismId",
  "baselineYear",
  "baselineValue",
  "targetYear",
  "targetValue",
  "textLang",
  "visibility",
] as const;
const MECHANISM_DEFAULTS: Partial<MechanismForm> = {
  kind: "ministry_emis",
  frequency: "yearly",
  childrenParticipation: "none",
  textLang: "en",
  visibility: "public",
};
const SERIES_DEFAULTS: Partial<SeriesForm> = { unit: "percent", textLang: "en", visibility: "public" };

function mechanismFormOf(body: unknown): MechanismForm {
  const form = Object.fromEntries(MECHANISM_TEXT.map((k) => [k, field(body, k) ?? MECHANISM_DEFAULTS[k] ?? ""])) as Omit<
    MechanismForm,
    "monitors" | "ageBands"
  >;
  return { ...form, monitors: fieldList(body, "monitors"), ageBands: fieldList(body, "ageBands") };
}

const mechanismInput = (f: MechanismForm): NewMechanism => ({ ...f, sdgTargets: splitCodes(f.sdgTargets).map((s) => s.toLowerCase()) });

function seriesFormOf(body: unknown): SeriesForm {
  return Object.fromEntries(SERIES_TEXT.map((k) => [k, field(body, k) ?? SERIES_DEFAULTS[k] ?? ""])) as SeriesForm;
}

const text = (v: string | number | null) => (v === null ? "" : String(v));

export function registerMonitoringForms(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  const base = (iso3: string) => `/countries/${iso3}/monitoring`;

  function showMechanism(
    reply: FastifyReply,
    e: Editor,
    form: MechanismForm,
    target: { id: string; version: number } | null,
    problems: Problems,
    status = 200,
  ) {
    const { t } = e.ctx;
    const title = target ? t("monitoring.editMechanism", { name: form.name }) : t("monitoring.newMechanism", { state: e.state });
    const action = target ? `${base(e.iso3)}/mechanisms/${target.id}` : `${base(e.iso3)}/mechanisms`;
    const remove = target && (
      <form method="post" action={`${base(e.iso3)}/mechanisms/${target.id}/delete`} class="stacked danger-zone">
        <h2>{t("monitoring.f.delete")}</h2>
        <input type="hidden" name="_csrf" value={e.ctx.csrfToken} />
        <input type="hidden" name="version" value={String(target.version)} />
        <label class="checkbox">
          <input type="checkbox" name="confirm" value="yes" /> {t("monitoring.f.deleteConfirm")}
        </label>
        <button type="submit" class="button button-secondary">
          {t("monitoring.f.delete")}
        </button>
      </form>
    );
    return sendPage(
      reply,
      <MonitoringFormPage
        ctx={e.ctx}
        title={title}
        state={e.state}
        iso3={e.iso3}
        action={action}
        version={target?.version ?? null}
        problems={problems}
        cancelHref={base(e.iso3)}
        after={remove}
      >
        <MechanismFields ctx={e.ctx} form={form} problems={problems.problems} />
      </MonitoringFormPage>,
      status,
    );
  }

  async function showSeries(
    reply: FastifyReply,
    request: FastifyRequest,
    e: Editor,
    form: SeriesForm,
    target: { id: string; version: number } | null,
    problems: Problems,
    status = 200,
  ) {
    const { t } = e.ctx;
    const mechanisms = await listStateMechanisms(db, request.viewer, e.iso3);
    const title = target ? t("monitoring.editSeries", { title: form.title }) : t("monitoring.newSeries", { state: e.state });
    const action = target ? `${base(e.iso3)}/indicators/${target.id}/edit` : `${base(e.iso3)}/indicators`;
    const cancel = target ? `${base(e.iso3)}/indicators/${target.id}` : base(e.iso3);
    return sendPage(
      reply,
      <MonitoringFormPage
        ctx={e.ctx}
        title={title}
        state={e.state}
        iso3={e.iso3}
        action={action}
        version={target?.version ?? null}
        problems={problems}
        cancelHref={cancel}
      >
        <SeriesFields ctx={e.ctx} form={form} problems={problems.problems} mechanisms={mechanisms} />
      </MonitoringFormPage>,
      status,
    );
  }

  app.get("/countries/:iso3/monitoring/mechanisms/new", async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    return showMechanism(reply, e, mechanismFormOf({}), null, { problems: [] });
  });

  app.post("/countries/:iso3/monitoring/mechanisms", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const form = mechanismFormOf(request.body);
    try {
      const saved = await addMechanism(db, request.viewer, e.iso3, mechanismInput(form));
      return reply.redirect(`${base(e.iso3)}?saved=1#mechanism-${saved.id}`, 303);
    } catch (err) {
      const r = refusal(err, null);
      return showMechanism(reply, e, form, null, r.problems, r.status);
    }
  });

  app.get("/countries/:iso3/monitoring/mechanisms/:id/edit", async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const m = await getMechanism(db, request.viewer, e.iso3, (request.params as { id: string }).id);
    const form: MechanismForm = {
      ...m,
      url: m.url ?? "",
      consultationsCount: text(m.consultationsCount),
      childrenConsulted: text(m.childrenConsulted),
      girlsConsulted: text(m.girlsConsulted),
      sdgTargets: m.sdgTargets.join(", "),
    };
    return showMechanism(reply, e, form, { id: m.id, version: m.version }, { problems: [] });
  });

  app.post("/countries/:iso3/monitoring/mechanisms/:id", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const { id } = request.params as { id: string };
    const form = mechanismFormOf(request.body);
    const version = field(request.body, "version") ?? "";
    try {
      await editMechanism(db, request.viewer, e.iso3, id, { ...mechanismInput(form), version });
      return reply.redirect(`${base(e.iso3)}?saved=1#mechanism-${id}`, 303);
    } catch (err) {
      const r = refusal(err, `${base(e.iso3)}/mechanisms/${id}/edit`);
      return showMechanism(reply, e, form, { id, version: Number(version) || 1 }, r.problems, r.status);
    }
  });

  app.post("/countries/:iso3/monitoring/mechanisms/:id/delete", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const { id } = request.params as { id: string };
    const version = field(request.body, "version") ?? "";
    try {
      if (field(request.body, "confirm") !== "yes") throw new AppError("invalid_input", e.ctx.t("monitoring.f.deleteNeedsConfirm"));
      await removeMechanism(db, request.viewer, e.iso3, id, { version });
      return reply.redirect(`${base(e.iso3)}?deleted=1`, 303);
    } catch (err) {
      const r = refusal(err, `${base(e.iso3)}/mechanisms/${id}/edit`);
      const m = await getMechanism(db, request.viewer, e.iso3, id);
      const form: MechanismForm = {
        ...m,
        url: m.url ?? "",
        consultationsCount: text(m.consultationsCount),
        childrenConsulted: text(m.childrenConsulted),
        girlsConsulted: text(m.girlsConsulted),
        sdgTargets: m.sdgTargets.join(", "),
      };
      return showMechanism(reply, e, form, { id, version: m.version }, r.problems, r.status);
    }
  });

  app.get("/countries/:iso3/monitoring/indicators/new", async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    return showSeries(reply, request, e, seriesFormOf({}), null, { problems: [] });
  });

  app.post("/countries/:iso3/monitoring/indicators", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const form = seriesFormOf(request.body);
    try {
      const saved = await addSeries(db, request.viewer, e.iso3, form);
      return reply.redirect(`${base(e.iso3)}/indicators/${saved.id}?saved=1`, 303);
    } catch (err) {
      const r = refusal(err, null);
      return showSeries(reply, request, e, form, null, r.problems, r.status);
    }
  });

  app.get("/countries/:iso3/monitoring/indicators/:id/edit", async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const s = await getSeries(db, request.viewer, e.iso3, (request.params as { id: string }).id);
    const form: SeriesForm = {
      title: s.title,
      sdgIndicator: s.sdgIndicator ?? "",
      unit: s.unit,
      source: s.source,
      mechanismId: s.mechanismId ?? "",
      baselineYear: text(s.baselineYear),
      baselineValue: text(s.baselineValue),
      targetYear: text(s.targetYear),
      targetValue: text(s.targetValue),
      textLang: s.textLang,
      visibility: s.visibility,
    };
    return showSeries(reply, request, e, form, { id: s.id, version: s.version }, { problems: [] });
  });

  app.post("/countries/:iso3/monitoring/indicators/:id/edit", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const { id } = request.params as { id: string };
    const form = seriesFormOf(request.body);
    const version = field(request.body, "version") ?? "";
    try {
      await editSeries(db, request.viewer, e.iso3, id, { ...form, version });
      return reply.redirect(`${base(e.iso3)}/indicators/${id}?saved=1`, 303);
    } catch (err) {
      const r = refusal(err, `${base(e.iso3)}/indicators/${id}/edit`);
      return showSeries(reply, request, e, form, { id, version: Number(version) || 1 }, r.problems, r.status);
    }
  });
}
