import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { VISIBILITIES, type Visibility } from "../../domain/access/viewer.js";
import { AppError, type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import {
  CONTACT_KINDS,
  type ContactKind,
  type NewProfileEntry,
  type NewStateContact,
  PROFILE_ENTRY_KINDS,
  PROFILE_ENTRY_STATUSES,
  type ProfileEntryKind,
  type ProfileEntryStatus,
  splitCodes,
} from "../../domain/profiles/profile-schemas.js";
import {
  addProfileEntry,
  addStateContact,
  canEditStateProfile,
  editProfileEntry,
  editStateContact,
  getProfileEntry,
  getStateContact,
} from "../../domain/profiles/profile-service.js";
import { LANGUAGE_INFO, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { codeLabels } from "./page-labels.js";
import { FormPage, type Problems, Select, TextArea, TextInput } from "./profile-form-fields.js";
import { field, sendPage } from "./render.js";

// The State's edit forms for its profile (R2): plain HTML forms, POST-redirect-GET, field errors next to the fields
// with what the user typed kept, and the version edited sent back so a colleague's change is never overwritten.

type EntryForm = {
  kind: ProfileEntryKind;
  title: string;
  description: string;
  status: string;
  priorityRank: string;
  themes: string;
  sdgTargets: string;
  recommendationIds: string;
  textLang: string;
  visibility: string;
};
type ContactForm = { kind: string; name: string; functionTitle: string; institution: string; email: string; phone: string; visibility: string };

const visibilityOptions = (ctx: PageContext) => VISIBILITIES.map((v) => ({ value: v, label: ctx.t(`visibility.${v}`) }));

function EntryFields({ ctx, form, problems }: { ctx: PageContext; form: EntryForm; problems: FieldProblem[] }) {
  const { t } = ctx;
  const isNeed = form.kind === "need";
  const hasStatus = isNeed || form.kind === "challenge";
  return (
    <>
      <input type="hidden" name="kind" value={form.kind} />
      <TextInput id="title" label={t("profile.form.title")} value={form.title} problems={problems} />
      <TextArea id="description" label={t("profile.form.description")} value={form.description} problems={problems} rows={6} />
      {isNeed && (
        <TextInput
          id="priorityRank"
          type="number"
          label={t("profile.form.rank")}
          hint={t("profile.form.rankHint")}
          value={form.priorityRank}
          problems={problems}
        />
      )}
      {hasStatus && (
        <Select
          id="status"
          label={t("profile.form.status")}
          value={form.status}
          problems={problems}
          options={PROFILE_ENTRY_STATUSES.map((s) => ({ value: s, label: t(`profile.entryStatus.${s}`) }))}
        />
      )}
      <TextInput id="themes" label={t("profile.form.themes")} hint={t("profile.form.themesHint")} value={form.themes} problems={problems} />
      <TextInput id="sdgTargets" label={t("profile.form.sdg")} hint={t("profile.form.sdgHint")} value={form.sdgTargets} problems={problems} />
      <TextArea
        id="recommendationIds"
        label={t("profile.form.recs")}
        hint={t("profile.form.recsHint")}
        value={form.recommendationIds}
        problems={problems}
        rows={3}
      />
      <Select
        id="textLang"
        label={t("profile.form.textLang")}
        value={form.textLang}
        problems={problems}
        options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }))}
      />
      <Select
        id="visibility"
        label={t("profile.form.visibility")}
        hint={t("profile.form.visibilityHint")}
        value={form.visibility}
        problems={problems}
        options={visibilityOptions(ctx)}
      />
    </>
  );
}

function ContactFields({ ctx, form, problems }: { ctx: PageContext; form: ContactForm; problems: FieldProblem[] }) {
  const { t } = ctx;
  return (
    <>
      <Select
        id="kind"
        label={t("profile.col.kind")}
        value={form.kind}
        problems={problems}
        options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`profile.contactKind.${k}`) }))}
      />
      <TextInput id="name" label={t("profile.col.name")} value={form.name} problems={problems} />
      <TextInput id="functionTitle" label={t("profile.form.function")} value={form.functionTitle} problems={problems} />
      <TextInput id="institution" label={t("profile.col.institution")} value={form.institution} problems={problems} />
      <TextInput id="email" type="email" label={t("profile.form.email")} value={form.email} problems={problems} />
      <TextInput id="phone" type="tel" label={t("profile.form.phone")} value={form.phone} problems={problems} />
      <Select
        id="visibility"
        label={t("profile.form.visibility")}
        hint={t("profile.form.contactVisibilityHint")}
        value={form.visibility}
        problems={problems}
        options={visibilityOptions(ctx)}
      />
    </>
  );
}

// ---- form values ↔ domain input ----

function entryFormOf(body: unknown, kind: ProfileEntryKind): EntryForm {
  const f = (name: string, fallback = "") => field(body, name) ?? fallback;
  return {
    kind,
    title: f("title"),
    description: f("description"),
    status: f("status", "open"),
    priorityRank: f("priorityRank").trim(),
    themes: f("themes"),
    sdgTargets: f("sdgTargets"),
    recommendationIds: f("recommendationIds"),
    textLang: f("textLang", "en"),
    visibility: f("visibility", "public"),
  };
}

/** What the form typed, as domain input: the domain schemas check it and name the fields at fault. */
function entryInput(form: EntryForm): NewProfileEntry {
  return {
    kind: form.kind,
    title: form.title,
    description: form.description,
    status: form.status as ProfileEntryStatus,
    priorityRank: form.kind === "need" ? form.priorityRank : null,
    themes: splitCodes(form.themes, { upper: true }),
    sdgTargets: splitCodes(form.sdgTargets, { upper: false }).map((s) => s.toLowerCase()),
    // Recommendation ids may hold spaces ("uhri:Burkina Faso:…"): one per line.
    recommendationIds: [
      ...new Set(
        form.recommendationIds
          .split(/\r?\n/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ],
    textLang: form.textLang,
    visibility: form.visibility as Visibility,
  };
}

function contactInput(form: ContactForm): NewStateContact {
  return { ...form, kind: form.kind as ContactKind, visibility: form.visibility as Visibility };
}

function contactFormOf(body: unknown): ContactForm {
  const f = (name: string, fallback = "") => field(body, name) ?? fallback;
  return {
    kind: f("kind", "counterpart"),
    name: f("name"),
    functionTitle: f("functionTitle"),
    institution: f("institution"),
    email: f("email").trim(),
    phone: f("phone").trim(),
    visibility: f("visibility", "state_and_un"),
  };
}

const emptyEntry = (kind: ProfileEntryKind): EntryForm => ({
  kind,
  title: "",
  description: "",
  status: "open",
  priorityRank: "",
  themes: "",
  sdgTargets: "",
  recommendationIds: "",
  textLang: "en",
  visibility: "public",
});

const FORM_ERRORS: Record<string, number> = { invalid_input: 400, unauthenticated: 401, forbidden: 403, conflict: 409, rule_violation: 422 };

export function registerProfileForms(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  /** The State's page context, or a redirect to sign in; others get the forbidden page. */
  async function editorContext(request: FastifyRequest, reply: FastifyReply): Promise<{ ctx: PageContext; iso3: string; state: string } | null> {
    const iso3 = (request.params as { iso3: string }).iso3.toUpperCase();
    if (!request.viewer.userId) {
      await reply.redirect(`/login?next=${encodeURIComponent(request.url.split("?")[0] ?? "/")}`, 303);
      return null;
    }
    if (!canEditStateProfile(request.viewer, iso3))
      throw new AppError("forbidden", `Only the State focal point or the national mechanism (NMIRF) of ${iso3} can edit its profile`);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const labels = await codeLabels(db, ctx.lang);
    return { ctx, iso3, state: labels.country(iso3) };
  }

  const kindOf = (value: string | undefined): ProfileEntryKind => PROFILE_ENTRY_KINDS.find((k) => k === value) ?? "need";

  function showEntry(
    reply: FastifyReply,
    e: { ctx: PageContext; iso3: string; state: string },
    form: EntryForm,
    target: { id: string; version: number } | null,
    problems: Problems,
    status = 200,
  ) {
    const title = target ? e.ctx.t("profile.editEntry", { title: form.title }) : e.ctx.t(`profile.add.${form.kind}` as MessageKey);
    const action = target ? `/countries/${e.iso3}/profile/entries/${target.id}` : `/countries/${e.iso3}/profile/entries`;
    return sendPage(
      reply,
      <FormPage ctx={e.ctx} title={title} state={e.state} iso3={e.iso3} action={action} version={target?.version ?? null} problems={problems}>
        <EntryFields ctx={e.ctx} form={form} problems={problems.problems} />
      </FormPage>,
      status,
    );
  }

  function showContact(
    reply: FastifyReply,
    e: { ctx: PageContext; iso3: string; state: string },
    form: ContactForm,
    target: { id: string; version: number } | null,
    problems: Problems,
    status = 200,
  ) {
    const title = target ? e.ctx.t("profile.editContact", { name: form.name }) : e.ctx.t("profile.add.contact");
    const action = target ? `/countries/${e.iso3}/profile/contacts/${target.id}` : `/countries/${e.iso3}/profile/contacts`;
    return sendPage(
      reply,
      <FormPage ctx={e.ctx} title={title} state={e.state} iso3={e.iso3} action={action} version={target?.version ?? null} problems={problems}>
        <ContactFields ctx={e.ctx} form={form} problems={problems.problems} />
      </FormPage>,
      status,
    );
  }

  /** Known refusals re-show the form with what was typed; anything else is the error page. */
  function refusal(e: unknown, editHref: string | null): { problems: Problems; status: number } {
    if (!isAppError(e) || !(e.code in FORM_ERRORS)) throw e;
    const conflictHref = e.code === "conflict" && editHref ? editHref : undefined;
    return { problems: { problems: e.problems.filter((p) => p.field !== "version"), message: e.message, conflictHref }, status: FORM_ERRORS[e.code] ?? 400 };
  }

  app.get("/countries/:iso3/profile/entries/new", async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    return showEntry(reply, e, emptyEntry(kindOf(field(request.query, "kind"))), null, { problems: [] });
  });

  app.post("/countries/:iso3/profile/entries", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    const form = entryFormOf(request.body, kindOf(field(request.body, "kind")));
    try {
      const saved = await addProfileEntry(db, request.viewer, e.iso3, entryInput(form));
      return reply.redirect(`/countries/${e.iso3}/profile?saved=1&moved=${saved.moved.length}#entry-${saved.id}`, 303);
    } catch (err) {
      const r = refusal(err, null);
      return showEntry(reply, e, form, null, r.problems, r.status);
    }
  });

  app.get("/countries/:iso3/profile/entries/:id/edit", async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    const entry = await getProfileEntry(db, request.viewer, e.iso3, (request.params as { id: string }).id);
    const form: EntryForm = {
      kind: entry.kind,
      title: entry.title,
      description: entry.description,
      status: entry.status,
      priorityRank: entry.priorityRank === null ? "" : String(entry.priorityRank),
      themes: entry.themes.join(", "),
      sdgTargets: entry.sdgTargets.join(", "),
      recommendationIds: entry.recommendationIds.join("\n"),
      textLang: entry.textLang,
      visibility: entry.visibility,
    };
    return showEntry(reply, e, form, { id: entry.id, version: entry.version }, { problems: [] });
  });

  app.post("/countries/:iso3/profile/entries/:id", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    const { id } = request.params as { id: string };
    const entry = await getProfileEntry(db, request.viewer, e.iso3, id);
    const form = entryFormOf(request.body, entry.kind);
    const version = field(request.body, "version") ?? "";
    try {
      const saved = await editProfileEntry(db, request.viewer, e.iso3, id, { ...entryInput(form), version });
      return reply.redirect(`/countries/${e.iso3}/profile?saved=1&moved=${saved.moved.length}#entry-${id}`, 303);
    } catch (err) {
      const r = refusal(err, `/countries/${e.iso3}/profile/entries/${id}/edit`);
      return showEntry(reply, e, form, { id, version: Number(version) || entry.version }, r.problems, r.status);
    }
  });

  app.get("/countries/:iso3/profile/contacts/new", async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    return showContact(reply, e, contactFormOf({}), null, { problems: [] });
  });

  app.post("/countries/:iso3/profile/contacts", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    const form = contactFormOf(request.body);
    try {
      await addStateContact(db, request.viewer, e.iso3, contactInput(form));
      return reply.redirect(`/countries/${e.iso3}/profile?saved=1#contacts-h`, 303);
    } catch (err) {
      const r = refusal(err, null);
      return showContact(reply, e, form, null, r.problems, r.status);
    }
  });

  app.get("/countries/:iso3/profile/contacts/:id/edit", async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    const c = await getStateContact(db, request.viewer, e.iso3, (request.params as { id: string }).id);
    const form: ContactForm = {
      kind: c.kind,
      name: c.name,
      functionTitle: c.functionTitle,
      institution: c.institution,
      email: c.email ?? "",
      phone: c.phone ?? "",
      visibility: c.visibility,
    };
    return showContact(reply, e, form, { id: c.id, version: c.version }, { problems: [] });
  });

  app.post("/countries/:iso3/profile/contacts/:id", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(request, reply);
    if (!e) return reply;
    const { id } = request.params as { id: string };
    const current = await getStateContact(db, request.viewer, e.iso3, id);
    const form = contactFormOf(request.body);
    const version = field(request.body, "version") ?? "";
    try {
      await editStateContact(db, request.viewer, e.iso3, id, { ...contactInput(form), version });
      return reply.redirect(`/countries/${e.iso3}/profile?saved=1#contacts-h`, 303);
    } catch (err) {
      const r = refusal(err, `/countries/${e.iso3}/profile/contacts/${id}/edit`);
      return showContact(reply, e, form, { id, version: Number(version) || current.version }, r.problems, r.status);
    }
  });
}
