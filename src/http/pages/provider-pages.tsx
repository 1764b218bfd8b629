import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { AppError, type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import type { ProviderProfile, ProviderProfileInput } from "../../domain/offers/offer-schemas.js";
import { listOffers } from "../../domain/offers/offer-service.js";
import { providerMembershipFor } from "../../domain/offers/provider-access.js";
import { getProvider, listProviders, type Provider, saveProviderProfile } from "../../domain/offers/provider-service.js";
import { FormErrors } from "../../web/components/form-errors.js";
import { VocabularyCheckboxes, VocabularyLabels, vocabularyLabelList } from "../../web/components/vocabulary-fields.js";
import { formatDate, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { fieldList, OfferList, type OfferLabels, offerLabels, splitCodes } from "./offer-bits.js";
import { CapabilityFields, errorsOf, TextArea } from "./offer-form-fields.js";
import { field, sendPage } from "./render.js";

// Providers (R29, R6): UN entities, States offering bilateral, South-South or triangular cooperation, regional
// organizations — each with its capability profile and its published offers. Their staff edit the profile.

const PAGE_SIZE = 100;

type ProfileValues = {
  summary: string;
  themes: string[];
  sdgTargets: string;
  modalities: string[];
  cooperationTypes: string[];
  continuityNeeds: string[];
  languages: string[];
  otherLanguages: string;
  regions: string[];
  version: string;
};

const UN = LANGUAGES as readonly string[];

function valuesOf(p: ProviderProfile): ProfileValues {
  return {
    summary: p.summary,
    themes: p.themes,
    sdgTargets: p.sdgTargets.join(", "),
    modalities: p.modalities,
    cooperationTypes: p.cooperationTypes,
    continuityNeeds: p.continuityNeeds,
    languages: p.languages.filter((l) => UN.includes(l)),
    otherLanguages: p.languages.filter((l) => !UN.includes(l)).join(", "),
    regions: p.regions,
    version: String(p.version),
  };
}

function valuesFromBody(body: unknown): ProfileValues {
  return {
    summary: field(body, "summary") ?? "",
    themes: fieldList(body, "themes"),
    sdgTargets: field(body, "sdgTargets") ?? "",
    modalities: fieldList(body, "modalities"),
    cooperationTypes: fieldList(body, "cooperationTypes"),
    continuityNeeds: fieldList(body, "continuityNeeds"),
    languages: fieldList(body, "languages"),
    otherLanguages: field(body, "otherLanguages") ?? "",
    regions: fieldList(body, "regions"),
    version: field(body, "version") ?? "",
  };
}

function ProfileFacts({ ctx, labels, profile }: { ctx: PageContext; labels: OfferLabels; profile: ProviderProfile }) {
  const { t } = ctx;
  const none = <span class="meta">{t("common.none")}</span>;
  return (
    <dl class="facts">
      <dt>{t("offer.themes")}</dt>
      <dd>{profile.themes.length ? profile.themes.map(labels.theme).join(" · ") : none}</dd>
      <dt>{t("offer.sdgTargets")}</dt>
      <dd>{profile.sdgTargets.length ? profile.sdgTargets.map(labels.sdgTarget).join(", ") : none}</dd>
      <dt>{t("vocab.modality.label" as MessageKey)}</dt>
      <dd>
        <VocabularyLabels ctx={ctx} list="modality" codes={profile.modalities} />
      </dd>
      <dt>{t("vocab.cooperationType.label" as MessageKey)}</dt>
      <dd>
        <VocabularyLabels ctx={ctx} list="cooperationType" codes={profile.cooperationTypes} />
      </dd>
      <dt>{t("vocab.continuityNeed.label" as MessageKey)}</dt>
      <dd>
        <VocabularyLabels ctx={ctx} list="continuityNeed" codes={profile.continuityNeeds} />
      </dd>
      <dt>{t("offer.languages")}</dt>
      <dd>{profile.languages.length ? profile.languages.map(labels.language).join(", ") : none}</dd>
      <dt>{t("offer.regions")}</dt>
      <dd>{profile.regions.length ? profile.regions.map(labels.region).join(", ") : none}</dd>
    </dl>
  );
}

function ProfileForm(props: {
  ctx: PageContext;
  labels: OfferLabels;
  provider: Provider;
  values: ProfileValues;
  problems: FieldProblem[];
  message?: string | undefined;
}) {
  const { ctx, labels, provider, values: v, problems, message } = props;
  const { t } = ctx;
  const err = errorsOf(problems);
  const title = t("provider.editTitle", { name: provider.organization.name });
  return (
    <Layout ctx={ctx} title={title} active="offers">
      <p class="meta">
        <a href="/providers">{t("providers.title")}</a> · <a href={`/providers/${provider.organization.slug}`}>{provider.organization.name}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("provider.editLead")}</p>
      <FormErrors ctx={ctx} problems={problems} message={message} />
      <form method="post" action={`/providers/${provider.organization.slug}/profile`} class="stacked wide-form" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="version" value={v.version} />
        <TextArea name="summary" label={t("provider.summary")} hint={t("provider.summaryHint")} value={v.summary} err={err} rows={5} />
        <VocabularyCheckboxes ctx={ctx} name="cooperationTypes" list="cooperationType" selected={v.cooperationTypes} error={err("cooperationTypes")} />
        <CapabilityFields ctx={ctx} labels={labels} err={err} v={v} />
        <div>
          <button type="submit" class="button">
            {t("provider.save")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function registerProviderPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/providers", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const page = Math.max(1, Number(field(request.query, "page")) || 1);
    const [result, labels] = await Promise.all([listProviders(db, request.viewer, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), offerLabels(db, ctx)]);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("providers.title")} active="offers">
        <h1>{t("providers.title")}</h1>
        <p class="lead">{t("providers.lead")}</p>
        <p role="status">{t("providers.count", { count: result.total })}</p>
        {result.items.length > 0 && (
          <ScrollTable
            caption={t("providers.caption")}
            headers={[t("providers.col.name"), t("providers.col.type"), t("providers.col.cooperation"), t("providers.col.themes"), t("providers.col.offers")]}
          >
            {result.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={`/providers/${p.slug}`}>{p.name}</a>
                  {p.acronym && <span class="meta"> ({p.acronym})</span>}
                </th>
                <td>
                  {t(`orgType.${p.type}` as MessageKey)}
                  {p.countryIso3 && <span class="meta"> · {labels.country(p.countryIso3)}</span>}
                </td>
                <td>{vocabularyLabelList(ctx, "cooperationType", p.cooperationTypes) || "—"}</td>
                <td>{p.themes.join(", ") || "—"}</td>
                <td class="num">
                  <a href={`/offers?provider=${p.id}`}>{p.publishedOffers}</a>
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </Layout>,
    );
  });

  app.get("/providers/:slug", async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const provider = await getProvider(db, request.viewer, slug);
    const [offers, labels] = await Promise.all([listOffers(db, request.viewer, { provider: provider.organization.id, limit: 100 }), offerLabels(db, ctx)]);
    const org = provider.organization;
    const canEdit = providerMembershipFor(request.viewer, org.id) !== undefined;
    const p = provider.profile;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={org.name} active="offers">
        <p class="meta">
          <a href="/providers">{t("providers.title")}</a>
        </p>
        <h1>{org.name}</h1>
        <p>
          <span class="badge">{t(`orgType.${org.type}` as MessageKey)}</span>
          {org.countryIso3 && <> · {labels.country(org.countryIso3)}</>} · <a href={`/organizations/${org.slug}`}>{t("provider.organizationLink")}</a>
        </p>
        {field(request.query, "saved") === "1" && (
          <p class="notice" role="status">
            {t("provider.saved")}
          </p>
        )}
        <h2>{t("provider.profile")}</h2>
        {p.version === 0 ? <p>{t("provider.noProfile")}</p> : <p>{p.summary}</p>}
        {p.version > 0 && <ProfileFacts ctx={ctx} labels={labels} profile={p} />}
        {p.updatedAt && <p class="meta">{t("provider.updated", { date: formatDate(ctx.lang, p.updatedAt) })}</p>}
        {canEdit && (
          <p>
            <a class="button button-secondary" href={`/providers/${org.slug}/profile`}>
              {t("provider.edit")}
            </a>
          </p>
        )}
        <h2>{t("provider.offers")}</h2>
        <p role="status">{t("offers.count", { count: offers.total })}</p>
        {offers.items.length > 0 && <OfferList ctx={ctx} labels={labels} offers={offers.items} />}
      </Layout>,
    );
  });

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extra: { values?: ProfileValues; problems?: FieldProblem[]; message?: string; status?: number } = {},
  ) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    if (!request.viewer.userId) return reply.redirect(`/login?next=${encodeURIComponent(ctx.path)}`, 303);
    const [provider, labels] = await Promise.all([getProvider(db, request.viewer, slug), offerLabels(db, ctx)]);
    if (!providerMembershipFor(request.viewer, provider.organization.id))
      throw new AppError("forbidden", "Only the provider's own staff can edit its capability profile");
    const values = extra.values ?? valuesOf(provider.profile);
    const page = <ProfileForm ctx={ctx} labels={labels} provider={provider} values={values} problems={extra.problems ?? []} message={extra.message} />;
    return sendPage(reply, page, extra.status ?? 200);
  }

  app.get("/providers/:slug/profile", async (request, reply) => showForm(request, reply, (request.params as { slug: string }).slug));

  app.post("/providers/:slug/profile", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const values = valuesFromBody(request.body);
    const input = {
      summary: values.summary,
      themes: values.themes,
      sdgTargets: splitCodes(values.sdgTargets),
      modalities: values.modalities,
      cooperationTypes: values.cooperationTypes,
      continuityNeeds: values.continuityNeeds,
      languages: [...values.languages, ...splitCodes(values.otherLanguages).map((c) => c.toLowerCase())],
      regions: values.regions,
      version: values.version,
    };
    try {
      await saveProviderProfile(db, request.viewer, slug, input as ProviderProfileInput);
      return reply.redirect(`/providers/${encodeURIComponent(slug)}?saved=1`, 303);
    } catch (e) {
      if (isAppError(e) && e.code !== "not_found")
        return showForm(request, reply, slug, { values, problems: e.problems, message: e.message, status: HTTP_STATUS[e.code] });
      throw e;
    }
  });
}
