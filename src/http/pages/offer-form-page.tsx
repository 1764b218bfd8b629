import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import type { NewOffer, Offer, OfferUpdate } from "../../domain/offers/offer-schemas.js";
import { createOffer, findRequestToAnswer, getOffer, type RequestToAnswer, updateOffer } from "../../domain/offers/offer-service.js";
import { providerMemberships } from "../../domain/offers/provider-access.js";
import { listActingProviders } from "../../domain/offers/provider-service.js";
import { listCountries } from "../../domain/reference/reference-service.js";
import { FormErrors } from "../../web/components/form-errors.js";
import { VocabularyCheckboxes } from "../../web/components/vocabulary-fields.js";
import { LANGUAGE_INFO, LANGUAGES } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { blankToNull, fieldList, type OfferLabels, offerLabels, splitCodes } from "./offer-bits.js";
import { CapabilityFields, cooperationChoices, errorsOf, SelectBox, TextArea, TextField, visibilityChoices } from "./offer-form-fields.js";
import { field, sendPage } from "./render.js";

// Drafting and editing an offer (R29, R24) without JavaScript: POST-redirect-GET, field errors next to fields, what was
// typed kept. With ?request=<id> the offer answers that request and starts from what the request asks.

type Values = {
  organizationId: string;
  requestId: string;
  stateIso3: string;
  title: string;
  description: string;
  themes: string[];
  sdgTargets: string;
  persons: string[];
  iscedLevels: string[];
  modalities: string[];
  continuityNeeds: string[];
  cooperationType: string;
  languages: string[];
  otherLanguages: string;
  regions: string[];
  capacity: string;
  availableFrom: string;
  availableTo: string;
  budgetAmount: string;
  budgetCurrency: string;
  fundSource: string;
  technologyTransferTerms: string;
  textLang: string;
  visibility: string;
  version: string;
};

const UN = LANGUAGES as readonly string[];
const splitLanguages = (codes: readonly string[]) => ({
  languages: codes.filter((c) => UN.includes(c)),
  otherLanguages: codes.filter((c) => !UN.includes(c)).join(", "),
});

type ActingProvider = { organizationId: string; name: string; organizationType: string };

function emptyValues(m: ActingProvider | undefined, request: RequestToAnswer | undefined): Values {
  return {
    organizationId: m?.organizationId ?? "",
    requestId: request?.id ?? "",
    stateIso3: request?.stateIso3 ?? "",
    title: "",
    description: "",
    themes: request?.themes ?? [],
    sdgTargets: (request?.sdgTargets ?? []).join(", "),
    persons: [],
    iscedLevels: request?.iscedLevels ?? [],
    modalities: request?.modalities ?? [],
    continuityNeeds: request?.continuityNeeds ?? [],
    // UN bodies cooperate multilaterally, regional organizations regionally, States bilaterally (R6).
    cooperationType: m?.organizationType === "regional_organization" ? "regional" : m?.organizationType === "government" ? "bilateral" : "multilateral",
    ...splitLanguages(request?.workingLanguages ?? []),
    regions: [],
    capacity: "",
    availableFrom: request?.timeframeStart ?? "",
    availableTo: request?.timeframeEnd ?? "",
    budgetAmount: "",
    budgetCurrency: "USD",
    fundSource: "",
    technologyTransferTerms: "",
    textLang: "en",
    visibility: request && request.visibility !== "public" ? "state_and_un" : "public",
    version: "",
  };
}

function valuesOf(o: Offer): Values {
  return {
    organizationId: o.provider.id,
    requestId: o.requestId ?? "",
    stateIso3: o.stateIso3 ?? "",
    title: o.title,
    description: o.description,
    themes: o.themes,
    sdgTargets: o.sdgTargets.join(", "),
    persons: o.persons,
    iscedLevels: o.iscedLevels,
    modalities: o.modalities,
    continuityNeeds: o.continuityNeeds,
    cooperationType: o.cooperationType,
    ...splitLanguages(o.languages),
    regions: o.regions,
    capacity: o.capacity,
    availableFrom: o.availableFrom ?? "",
    availableTo: o.availableTo ?? "",
    budgetAmount: o.budgetAmount ?? "",
    budgetCurrency: o.budgetCurrency ?? "",
    fundSource: o.fundSource ?? "",
    technologyTransferTerms: o.technologyTransferTerms ?? "",
    textLang: o.textLang,
    visibility: o.visibility,
    version: String(o.version),
  };
}

function valuesFromBody(body: unknown): Values {
  const s = (name: string) => field(body, name) ?? "";
  return {
    organizationId: s("organizationId"),
    requestId: s("requestId"),
    stateIso3: s("stateIso3"),
    title: s("title"),
    description: s("description"),
    themes: fieldList(body, "themes"),
    sdgTargets: s("sdgTargets"),
    persons: fieldList(body, "persons"),
    iscedLevels: fieldList(body, "iscedLevels"),
    modalities: fieldList(body, "modalities"),
    continuityNeeds: fieldList(body, "continuityNeeds"),
    cooperationType: s("cooperationType"),
    languages: fieldList(body, "languages"),
    otherLanguages: s("otherLanguages"),
    regions: fieldList(body, "regions"),
    capacity: s("capacity"),
    availableFrom: s("availableFrom"),
    availableTo: s("availableTo"),
    budgetAmount: s("budgetAmount"),
    budgetCurrency: s("budgetCurrency"),
    fundSource: s("fundSource"),
    technologyTransferTerms: s("technologyTransferTerms"),
    textLang: s("textLang") || "en",
    visibility: s("visibility") || "public",
    version: s("version"),
  };
}

/** The service's input from what was typed: blank fields are absent, lists are lists. The service validates it all. */
function inputOf(v: Values): Record<string, unknown> {
  return {
    requestId: blankToNull(v.requestId),
    stateIso3: blankToNull(v.stateIso3),
    title: v.title,
    description: v.description,
    themes: v.themes,
    sdgTargets: splitCodes(v.sdgTargets),
    persons: v.persons,
    iscedLevels: v.iscedLevels,
    modalities: v.modalities,
    continuityNeeds: v.continuityNeeds,
    cooperationType: v.cooperationType,
    languages: [...v.languages, ...splitCodes(v.otherLanguages).map((c) => c.toLowerCase())],
    regions: v.regions,
    capacity: v.capacity,
    availableFrom: blankToNull(v.availableFrom),
    availableTo: blankToNull(v.availableTo),
    budgetAmount: blankToNull(v.budgetAmount),
    // The currency field starts at USD: left untouched with no amount, it says nothing.
    budgetCurrency: blankToNull(v.budgetAmount) || blankToNull(v.budgetCurrency) !== "USD" ? blankToNull(v.budgetCurrency) : null,
    fundSource: blankToNull(v.fundSource),
    technologyTransferTerms: blankToNull(v.technologyTransferTerms),
    textLang: v.textLang,
    visibility: v.visibility,
  };
}

type Props = {
  ctx: PageContext;
  labels: OfferLabels;
  values: Values;
  memberships: ActingProvider[];
  request: RequestToAnswer | undefined;
  states: { value: string; label: string }[];
  offerId?: string | undefined;
  problems: FieldProblem[];
  message?: string | undefined;
};

function OfferForm({ ctx, labels, values: v, memberships, request, states, offerId, problems, message }: Props) {
  const { t } = ctx;
  const err = errorsOf(problems);
  const title = offerId ? t("offerForm.editTitle") : t("offerForm.newTitle");
  return (
    <Layout ctx={ctx} title={title} active="offers">
      <p class="meta">
        <a href="/offers">{t("offers.title")}</a>
        {offerId && (
          <>
            {" · "}
            <a href={`/offers/${offerId}`}>{v.title}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      {request && (
        <p class="notice">
          {t("offerForm.answering", { reference: request.reference ?? request.title, state: labels.country(request.stateIso3) })}{" "}
          <a href={`/requests/${request.id}`}>{request.title}</a>
        </p>
      )}
      <p>{t("offerForm.lead")}</p>
      <FormErrors ctx={ctx} problems={problems} message={message} />
      <form method="post" action={offerId ? `/offers/${offerId}` : "/offers"} class="stacked wide-form" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="version" value={v.version} />
        <input type="hidden" name="requestId" value={v.requestId} />
        {v.persons.map((p) => (
          <input key={p} type="hidden" name="persons" value={p} />
        ))}
        {offerId ? (
          <input type="hidden" name="organizationId" value={v.organizationId} />
        ) : (
          <SelectBox
            name="organizationId"
            label={t("offerForm.provider")}
            value={v.organizationId}
            err={err}
            choices={memberships.map((m) => ({ value: m.organizationId, label: m.name }))}
          />
        )}
        <TextField name="title" label={t("offerForm.title")} value={v.title} err={err} required />
        <TextArea name="description" label={t("offerForm.description")} value={v.description} err={err} rows={6} />
        <SelectBox
          name="textLang"
          label={t("offerForm.textLang")}
          value={v.textLang}
          err={err}
          choices={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }))}
        />
        {request ? (
          <input type="hidden" name="stateIso3" value={v.stateIso3} />
        ) : (
          <SelectBox
            name="stateIso3"
            label={t("offerForm.state")}
            value={v.stateIso3}
            err={err}
            choices={[{ value: "", label: t("offer.anyState") }, ...states]}
          />
        )}
        <SelectBox name="cooperationType" label={t("offers.filter.cooperationType")} value={v.cooperationType} err={err} choices={cooperationChoices(ctx)} />
        <CapabilityFields ctx={ctx} labels={labels} err={err} v={v} />
        <VocabularyCheckboxes ctx={ctx} name="iscedLevels" list="isced" selected={v.iscedLevels} error={err("iscedLevels")} />
        <TextArea name="capacity" label={t("offerForm.capacity")} hint={t("offerForm.capacityHint")} value={v.capacity} err={err} rows={3} />
        <fieldset class="field vocabulary-field">
          <legend>{t("offer.availability")}</legend>
          <TextField name="availableFrom" type="date" label={t("offerForm.availableFrom")} value={v.availableFrom} err={err} />
          <TextField name="availableTo" type="date" label={t("offerForm.availableTo")} value={v.availableTo} err={err} />
        </fieldset>
        <fieldset class="field vocabulary-field">
          <legend>{t("offer.budget")}</legend>
          <TextField name="budgetAmount" label={t("offerForm.budgetAmount")} hint={t("offerForm.budgetAmountHint")} value={v.budgetAmount} err={err} />
          <TextField name="budgetCurrency" label={t("offerForm.budgetCurrency")} hint={t("offerForm.budgetCurrencyHint")} value={v.budgetCurrency} err={err} />
          <TextField name="fundSource" label={t("offer.fundSource")} hint={t("offerForm.fundSourceHint")} value={v.fundSource} err={err} />
        </fieldset>
        <TextArea
          name="technologyTransferTerms"
          label={t("offer.technologyTransfer")}
          hint={t("offerForm.technologyTransferHint")}
          value={v.technologyTransferTerms}
          err={err}
          rows={3}
        />
        <SelectBox name="visibility" label={t("offerForm.visibility")} value={v.visibility} err={err} choices={visibilityChoices(ctx)} />
        <div>
          <button type="submit" class="button">
            {t("offerForm.save")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function registerOfferFormPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { values?: Values; offerId?: string; requestId?: string; problems?: FieldProblem[]; message?: string; status?: number },
  ) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    if (!request.viewer.userId)
      return reply.redirect(`/login?next=${encodeURIComponent(ctx.path + (opts.requestId ? `?request=${opts.requestId}` : ""))}`, 303);
    if (providerMemberships(request.viewer).length === 0)
      throw new AppError("forbidden", "Only staff of a provider (a UN entity, a State's institution, a regional organization) draft offers");
    const offer = opts.offerId && !opts.values ? await getOffer(db, request.viewer, opts.offerId) : undefined;
    const requestId = opts.values?.requestId || offer?.requestId || opts.requestId;
    const [memberships, labels, answered, countries] = await Promise.all([
      listActingProviders(db, request.viewer),
      offerLabels(db, ctx),
      requestId ? findRequestToAnswer(db, request.viewer, requestId) : Promise.resolve(undefined),
      listCountries(db, { lang: ctx.lang, limit: 500 }),
    ]);
    const values = opts.values ?? (offer ? valuesOf(offer) : emptyValues(memberships[0], answered));
    // States only (Member and observer States): offers are made to States, not to other areas of the M49 list.
    const states = countries.items
      .filter((c) => c.designations.includes("un_member") || c.designations.includes("un_observer"))
      .map((c) => ({ value: c.iso3, label: c.localName ?? c.name }));
    const page = (
      <OfferForm
        ctx={ctx}
        labels={labels}
        values={values}
        memberships={memberships}
        request={answered}
        states={states}
        offerId={opts.offerId}
        problems={opts.problems ?? []}
        message={opts.message}
      />
    );
    return sendPage(reply, page, opts.status ?? 200);
  }

  const onError = (request: FastifyRequest, reply: FastifyReply, e: unknown, values: Values, offerId?: string) => {
    if (isAppError(e) && e.code !== "not_found")
      return show(request, reply, { values, ...(offerId ? { offerId } : {}), problems: e.problems, message: e.message, status: HTTP_STATUS[e.code] });
    throw e;
  };

  app.get("/offers/new", async (request, reply) =>
    show(request, reply, { ...(field(request.query, "request") ? { requestId: field(request.query, "request") } : {}) }),
  );

  app.post("/offers", { preHandler: app.csrfProtection }, async (request, reply) => {
    const values = valuesFromBody(request.body);
    try {
      const { id } = await createOffer(db, request.viewer, { ...inputOf(values), organizationId: values.organizationId } as NewOffer);
      return reply.redirect(`/offers/${id}?saved=1`, 303);
    } catch (e) {
      return onError(request, reply, e, values);
    }
  });

  app.get("/offers/:id/edit", async (request, reply) => show(request, reply, { offerId: (request.params as { id: string }).id }));

  app.post("/offers/:id", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const values = valuesFromBody(request.body);
    try {
      await updateOffer(db, request.viewer, id, { ...inputOf(values), version: values.version } as OfferUpdate);
      return reply.redirect(`/offers/${id}?saved=1`, 303);
    } catch (e) {
      return onError(request, reply, e, values, id);
    }
  });
}
