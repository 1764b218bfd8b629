import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { providerMemberships } from "../../domain/activities/activity-permissions.js";
import { listLinkableRequests, listOffersToStart, listViewerProviders } from "../../domain/activities/activity-queries.js";
import { startActivity } from "../../domain/activities/activity-service.js";
import { AppError, isAppError } from "../../domain/core/app-error.js";
import { listCountries } from "../../domain/reference/reference-service.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { type Choice, type FailedForm, fieldList, formValues, formView, PostForm, Select, TextArea, TextInput } from "./activity-forms.js";
import { field, sendPage } from "./render.js";

// /activities/new — a provider starts an activity in the pipeline: from an offer the State accepted (its content,
// request and recommendations are taken over), or directly for a State (R4: link the request it answers).

type Props = { ctx: PageContext; failed?: FailedForm; orgs: Choice[]; offers: Choice[]; states: Choice[]; requests: Choice[] };

function NewActivityPage({ ctx, failed, orgs, offers, states, requests }: Props) {
  const { t } = ctx;
  const fo = formView("offer", failed);
  const fd = formView("direct", failed);
  const labels = {
    organizationId: t("activity.field.provider"),
    offerId: t("activity.field.offer"),
    stateIso3: t("activity.field.state"),
    title: t("activity.field.title"),
    description: t("activity.field.description"),
    requestIds: t("activity.field.requests"),
    recommendationIds: t("activity.field.recommendations"),
    themes: t("activity.field.themes"),
    sdgTargets: t("activity.field.sdgTargets"),
    plannedStart: t("activity.field.plannedStart"),
    plannedEnd: t("activity.field.plannedEnd"),
    budgetAmount: t("activity.field.budget"),
    defaultCurrency: t("activity.field.currency"),
  };
  return (
    <Layout ctx={ctx} title={t("activity.new.title")} active="activities">
      <h1>{t("activity.new.title")}</h1>
      <p class="lead">{t("activity.new.lead")}</p>
      <section aria-labelledby="from-offer" class="edit-section">
        <h2 id="from-offer">{t("activity.new.fromOffer")}</h2>
        {offers.length === 0 ? (
          <p>{t("activity.new.noOffer")}</p>
        ) : (
          <PostForm ctx={ctx} f={fo} action="/activities" labels={labels} submit={t("activity.new.submit")}>
            <input type="hidden" name="mode" value="offer" />
            <Select f={fo} name="offerId" label={labels.offerId} choices={offers} selected={[fo.value("offerId")]} />
            {orgs.length > 1 ? (
              <Select f={fo} name="organizationId" label={labels.organizationId} choices={orgs} selected={[fo.value("organizationId")]} />
            ) : (
              <input type="hidden" name="organizationId" value={orgs[0]?.value ?? ""} />
            )}
          </PostForm>
        )}
      </section>
      <section aria-labelledby="direct" class="edit-section">
        <h2 id="direct">{t("activity.new.direct")}</h2>
        <p>{t("activity.new.directLead")}</p>
        <PostForm ctx={ctx} f={fd} action="/activities" labels={labels} submit={t("activity.new.submit")}>
          <input type="hidden" name="mode" value="direct" />
          {orgs.length > 1 ? (
            <Select f={fd} name="organizationId" label={labels.organizationId} choices={orgs} selected={[fd.value("organizationId")]} />
          ) : (
            <input type="hidden" name="organizationId" value={orgs[0]?.value ?? ""} />
          )}
          <Select f={fd} name="stateIso3" label={labels.stateIso3} choices={states} selected={[fd.value("stateIso3")]} empty="—" />
          <TextInput f={fd} name="title" label={labels.title} value={fd.value("title")} />
          <TextArea f={fd} name="description" label={labels.description} value={fd.value("description")} />
          <Select
            f={fd}
            name="requestIds"
            label={labels.requestIds}
            hint={t("activity.new.requestsHint")}
            multiple
            choices={requests}
            selected={fd.list("requestIds")}
          />
          <TextInput
            f={fd}
            name="recommendationIds"
            label={labels.recommendationIds}
            hint={t("activity.links.recommendationsHint")}
            value={fd.value("recommendationIds")}
          />
          <TextInput f={fd} name="themes" label={labels.themes} hint={t("activity.edit.themesHint")} value={fd.value("themes")} />
          <TextInput f={fd} name="sdgTargets" label={labels.sdgTargets} hint={t("activity.edit.sdgHint")} value={fd.value("sdgTargets")} />
          <TextInput f={fd} type="date" name="plannedStart" label={labels.plannedStart} value={fd.value("plannedStart")} />
          <TextInput f={fd} type="date" name="plannedEnd" label={labels.plannedEnd} value={fd.value("plannedEnd")} />
          <TextInput
            f={fd}
            name="budgetAmount"
            label={labels.budgetAmount}
            hint={t("activity.money.amountHint")}
            value={fd.value("budgetAmount")}
            inputMode="decimal"
          />
          <TextInput
            f={fd}
            name="defaultCurrency"
            label={labels.defaultCurrency}
            hint={t("activity.edit.currencyHint")}
            value={fd.value("defaultCurrency", "USD")}
          />
        </PostForm>
      </section>
    </Layout>
  );
}

export function registerActivityNewPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(request: FastifyRequest, reply: FastifyReply, failed?: FailedForm, status = 200) {
    if (providerMemberships(request.viewer).length === 0)
      throw new AppError(request.viewer.userId ? "forbidden" : "unauthenticated", "Only staff of a provider organization can start activities");
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [providers, offers, countries, requests] = await Promise.all([
      listViewerProviders(db, request.viewer),
      listOffersToStart(db, request.viewer),
      listCountries(db, { lang: ctx.lang, limit: 500 }),
      listLinkableRequests(db, request.viewer, null),
    ]);
    const props: Props = {
      ctx,
      failed,
      orgs: providers.map((o) => ({ value: o.id, label: o.name })),
      offers: offers.map((o) => ({ value: o.id, label: o.stateIso3 ? `${o.title} (${o.stateIso3})` : o.title })),
      states: countries.items.map((c) => ({ value: c.iso3, label: c.localName ?? c.name })),
      requests: requests.map((r) => ({ value: r.id, label: `${r.stateIso3} · ${r.reference ?? r.id} — ${r.title}` })),
    };
    return sendPage(reply, <NewActivityPage {...props} />, status);
  }

  app.get("/activities/new", async (request, reply) => show(request, reply));

  app.post("/activities", { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = request.body;
    const mode = field(body, "mode") === "offer" ? "offer" : "direct";
    const s = (name: string) => field(body, name) ?? "";
    const input =
      mode === "offer"
        ? { organizationId: s("organizationId"), offerId: s("offerId") }
        : {
            organizationId: s("organizationId"),
            stateIso3: s("stateIso3"),
            title: s("title"),
            description: s("description"),
            requestIds: fieldList(body, "requestIds"),
            recommendationIds: s("recommendationIds"),
            themes: s("themes"),
            sdgTargets: s("sdgTargets"),
            plannedStart: s("plannedStart"),
            plannedEnd: s("plannedEnd"),
            budgetAmount: s("budgetAmount"),
            defaultCurrency: s("defaultCurrency"),
          };
    try {
      const started = await startActivity(db, request.viewer, input);
      return reply.redirect(`/activities/${started.id}?saved=1`, 303);
    } catch (e) {
      if (isAppError(e) && e.code !== "unauthenticated")
        return show(request, reply, { name: mode, values: formValues(body), problems: e.problems, message: e.message }, HTTP_STATUS[e.code]);
      throw e;
    }
  });
}
