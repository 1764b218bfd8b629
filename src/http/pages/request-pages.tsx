import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Viewer } from "../../domain/access/viewer.js";
import { listAccountMemberships } from "../../domain/accounts/account-service.js";
import { AppError, type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import { listTaxonomyTerms } from "../../domain/reference/reference-service.js";
import {
  getRequest,
  listProviderChoices,
  listProviderQueue,
  listRequests,
  listStatePledges,
  listStateRequests,
  prefillFromRecommendations,
  providerOrganizationIds,
  type RecommendationPrefill,
} from "../../domain/requests/request-queries.js";
import { providerMembershipsFor, requestingMemberships, stateMembershipsFor } from "../../domain/requests/request-rules.js";
import type { RequestDetail } from "../../domain/requests/request-schemas.js";
import { changeRequestStatus, createRequestDraft, setRequestVisibility, updateRequestDraft } from "../../domain/requests/request-service.js";
import { listProviderResponseTimes } from "../../domain/requests/response-times.js";
import type { Db } from "../../store/db.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";
import { RequestDetailPage } from "./request-detail-page.js";
import { loadTagPanel } from "./tag-panel-data.js";
import { emptyRequestForm, formOfRequest, type RequestForm, readRequestForm, recommendationIdsOf, requestInputOf } from "./request-form-data.js";
import { type FormChoices, type FormPageProps, RequestFormPage } from "./request-form-page.js";
import { RequestListPage } from "./request-list-page.js";
import { ResponseTimesPage } from "./request-response-times-page.js";

// Assistance-request pages (R12, R13): list and queue, the guided form (new and edit), the detail with its action
// forms, and the response-time figures. Every form works without JavaScript: POST, then redirect to a GET page.

const PAGE_SIZE = 50;
/** Refusals a form page answers by showing the form again with the problems (anything else is an error page). */
const FORM_ERRORS = new Set(["invalid_input", "forbidden", "unauthenticated", "conflict", "rule_violation"]);
const isFormError = (e: unknown): e is AppError => isAppError(e) && FORM_ERRORS.has(e.code);

const loginRedirect = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

const EMPTY_PREFILL: RecommendationPrefill = { recommendations: [], ignoredIds: [], themes: [], persons: [], sdgTargets: [], sdgGoals: [] };

async function loadFormChoices(db: Db, viewer: Viewer, stateIso3: string, recommendationIds: string[]): Promise<FormChoices> {
  const memberships = viewer.userId ? await listAccountMemberships(db, viewer.userId) : [];
  const eligible = requestingMemberships(viewer);
  const [providers, themes, persons, sdgGoals, sdgTargets, pledges, linked] = await Promise.all([
    listProviderChoices(db, viewer, stateIso3),
    listTaxonomyTerms(db, "uhri-theme"),
    listTaxonomyTerms(db, "uhri-persons"),
    listTaxonomyTerms(db, "sdg-goal"),
    listTaxonomyTerms(db, "sdg-target"),
    listStatePledges(db, stateIso3),
    recommendationIds.length ? prefillFromRecommendations(db, stateIso3, recommendationIds) : Promise.resolve(EMPTY_PREFILL),
  ]);
  return {
    institutions: eligible.map((m) => ({
      organizationId: m.organizationId,
      label: memberships.find((x) => x.organizationId === m.organizationId)?.organizationName ?? m.organizationId,
    })),
    providers,
    themes,
    persons,
    sdgGoals,
    sdgTargets,
    pledges,
    linked,
  };
}

const splitIds = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

export function registerRequestPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    props: Omit<FormPageProps, "ctx" | "choices"> & { stateIso3: string; status?: number },
  ) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const choices = await loadFormChoices(db, request.viewer, props.stateIso3, splitIds(props.form.recommendationIds));
    const { stateIso3: _s, status, ...rest } = props;
    return sendPage(reply, <RequestFormPage ctx={ctx} choices={choices} {...rest} />, status ?? 200);
  }

  /** After a successful save: submit when asked; a refused submission shows the saved draft with the reasons. */
  async function saveThenMaybeSubmit(request: FastifyRequest, reply: FastifyReply, id: string, version: number, form: RequestForm, stateIso3: string) {
    if (field(request.body, "intent") !== "submit") return reply.redirect(`/requests/${id}?done=saved`, 303);
    try {
      await changeRequestStatus(db, request.viewer, id, { to: "submitted" });
      return reply.redirect(`/requests/${id}?done=submitted`, 303);
    } catch (e) {
      if (!isFormError(e)) throw e;
      const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
      return showForm(request, reply, {
        mode: "edit",
        requestId: id,
        form: { ...form, version: String(version) },
        problems: e.problems,
        message: `${ctx.t("req.form.savedNotSubmitted")} ${e.message}`,
        stateIso3,
        status: HTTP_STATUS[e.code],
      });
    }
  }

  app.get("/requests", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const viewer = request.viewer;
    const filters = {
      state: field(request.query, "state") ?? "",
      status: field(request.query, "status") ?? "",
      provider: field(request.query, "provider") ?? "",
    };
    const page = Math.max(1, Number(field(request.query, "page")) || 1);
    const includeClosed = field(request.query, "queue") === "all";
    const isState = requestingMemberships(viewer).length > 0;
    const isProvider = providerOrganizationIds(viewer).length > 0;
    const [labels, stateRequests, queue, all, providers] = await Promise.all([
      codeLabels(db, ctx.lang),
      isState ? listStateRequests(db, viewer, { limit: 100, offset: 0 }) : Promise.resolve(null),
      isProvider ? listProviderQueue(db, viewer, { includeClosed, limit: 100, offset: 0 }) : Promise.resolve(null),
      listRequests(db, viewer, {
        ...(optional(filters.state) ? { state: optional(filters.state) } : {}),
        ...(optional(filters.status) ? { status: optional(filters.status) as never } : {}),
        ...(optional(filters.provider) ? { provider: optional(filters.provider) } : {}),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      listProviderChoices(db, viewer, null),
    ]);
    // A State official who is also addressed as a provider (bilateral help) sees a queue only when it has something.
    const showQueue = queue && (queue.total > 0 || viewer.memberships.some((m) => m.role !== "state_focal_point" && m.role !== "nmirf"));
    return sendPage(
      reply,
      <RequestListPage
        ctx={ctx}
        labels={labels}
        canRequest={isState}
        stateRequests={stateRequests}
        queue={showQueue && queue ? { ...queue, includeClosed } : null}
        all={all}
        filters={filters}
        providers={providers}
        page={page}
        pages={Math.max(1, Math.ceil(all.total / PAGE_SIZE))}
      />,
    );
  });

  app.get("/requests/new", async (request, reply) => {
    if (!request.viewer.userId) return loginRedirect(request, reply);
    const eligible = requestingMemberships(request.viewer);
    if (eligible.length === 0) throw new AppError("forbidden", "Only a State focal point or a national mechanism (NMIRF) can make an assistance request");
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const asked = field(request.query, "organization");
    const membership = eligible.find((m) => m.organizationId === asked) ?? (eligible[0] as (typeof eligible)[number]);
    const ids = recommendationIdsOf(request.query);
    const prefill = ids.length ? await prefillFromRecommendations(db, membership.countryIso3, ids) : EMPTY_PREFILL;
    const form: RequestForm = {
      ...emptyRequestForm(membership.organizationId),
      textLang: ctx.lang,
      recommendationIds: prefill.recommendations.map((r) => r.id).join("\n"),
      themes: prefill.themes,
      persons: prefill.persons,
      sdgTargets: prefill.sdgTargets,
    };
    const notices = [
      ...(prefill.recommendations.length ? [ctx.t("req.form.fromRecommendations", { count: prefill.recommendations.length })] : []),
      ...(prefill.ignoredIds.length ? [ctx.t("req.form.ignored", { count: prefill.ignoredIds.length })] : []),
    ];
    return showForm(request, reply, { mode: "new", form, problems: [], notices, stateIso3: membership.countryIso3 });
  });

  app.post("/requests/new", { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = readRequestForm(request.body);
    const eligible = requestingMemberships(request.viewer);
    const stateIso3 = (eligible.find((m) => m.organizationId === form.organizationId) ?? eligible[0])?.countryIso3;
    try {
      const created = await createRequestDraft(db, request.viewer, requestInputOf(form));
      return saveThenMaybeSubmit(request, reply, created.id, created.version, form, stateIso3 as string);
    } catch (e) {
      if (!isFormError(e) || !stateIso3) throw e;
      return showForm(request, reply, { mode: "new", form, problems: e.problems, message: e.message, stateIso3, status: HTTP_STATUS[e.code] });
    }
  });

  app.get("/requests/:id/edit", async (request, reply) => {
    if (!request.viewer.userId) return loginRedirect(request, reply);
    const { id } = request.params as { id: string };
    const r = await getRequest(db, request.viewer, id);
    if (stateMembershipsFor(request.viewer, r.stateIso3).length === 0) throw new AppError("forbidden", "Only the requesting State can edit its request");
    if (r.status !== "draft") return reply.redirect(`/requests/${id}`, 303);
    return showForm(request, reply, { mode: "edit", requestId: id, form: formOfRequest(r), problems: [], stateIso3: r.stateIso3 });
  });

  app.post("/requests/:id/edit", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const form = readRequestForm(request.body);
    const current = await getRequest(db, request.viewer, id);
    try {
      const saved = await updateRequestDraft(db, request.viewer, id, requestInputOf(form));
      return saveThenMaybeSubmit(request, reply, id, saved.version, form, current.stateIso3);
    } catch (e) {
      if (!isFormError(e)) throw e;
      const conflict = e.code === "conflict";
      // After a stale save the form carries the current version: saving again knowingly replaces the other change.
      const shown = conflict ? { ...form, version: String(current.version) } : form;
      return showForm(request, reply, {
        mode: "edit",
        requestId: id,
        form: shown,
        problems: e.problems,
        message: e.message,
        conflict,
        stateIso3: current.stateIso3,
        status: HTTP_STATUS[e.code],
      });
    }
  });

  async function showDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { problems?: FieldProblem[]; message?: string; failed?: { to: string; reason: string }; status?: number } = {},
  ) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const r: RequestDetail = await getRequest(db, request.viewer, id);
    const canRefer = r.actions.some((a) => a.to === "referred");
    const mine = providerMembershipsFor(
      request.viewer,
      r.providers.map((p) => p.id),
    ).map((m) => m.organizationId);
    const [labels, referralChoices] = await Promise.all([
      codeLabels(db, ctx.lang),
      canRefer ? listProviderChoices(db, request.viewer, r.stateIso3) : Promise.resolve([]),
    ]);
    const done = field(request.query, "done");
    const tagPanel = await loadTagPanel(db, request.viewer, ctx, { kind: "request", id: r.id }, labels, `/requests/${r.id}`);
    return sendPage(
      reply,
      <RequestDetailPage
        tagPanel={tagPanel}
        ctx={ctx}
        r={r}
        labels={labels}
        referralChoices={referralChoices.filter((p) => !mine.includes(p.id))}
        actingFor={r.providers.filter((p) => mine.includes(p.id)).map((p) => ({ id: p.id, name: p.name }))}
        done={done}
        problems={extra.problems ?? []}
        message={extra.message}
        failed={extra.failed}
      />,
      extra.status ?? 200,
    );
  }

  app.get("/requests/:id", async (request, reply) => showDetail(request, reply, (request.params as { id: string }).id));

  app.post("/requests/:id/transitions", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body;
    const to = field(body, "to") ?? "";
    const reason = field(body, "reason") ?? "";
    try {
      await changeRequestStatus(db, request.viewer, id, {
        to,
        ...(reason.trim() ? { reason } : {}),
        ...(optional(field(body, "referToOrganizationId")) ? { referToOrganizationId: optional(field(body, "referToOrganizationId")) } : {}),
        ...(optional(field(body, "organizationId")) ? { organizationId: optional(field(body, "organizationId")) } : {}),
      });
      return reply.redirect(`/requests/${id}?done=${encodeURIComponent(to)}#timeline`, 303);
    } catch (e) {
      if (!isFormError(e)) throw e;
      return showDetail(request, reply, id, { problems: e.problems, message: e.message, failed: { to, reason }, status: HTTP_STATUS[e.code] });
    }
  });

  app.post("/requests/:id/visibility", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const visibility = field(request.body, "visibility") ?? "";
    try {
      await setRequestVisibility(db, request.viewer, id, { visibility });
      return reply.redirect(`/requests/${id}?done=${visibility === "public" ? "published" : "unpublished"}`, 303);
    } catch (e) {
      if (!isFormError(e)) throw e;
      return showDetail(request, reply, id, { problems: e.problems, message: e.message, status: HTTP_STATUS[e.code] });
    }
  });

  app.get("/providers/response-times", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const figures = await listProviderResponseTimes(db, request.viewer);
    return sendPage(reply, <ResponseTimesPage ctx={ctx} figures={figures} />);
  });
}
