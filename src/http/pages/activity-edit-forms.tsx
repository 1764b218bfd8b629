import {
  AGE_BANDS,
  DISABILITY_STATUSES,
  INDICATOR_MEASURES,
  LOCATIONS,
  ORGANISATION_ROLES,
  RESULT_TYPES,
  SEXES,
  TRANSACTION_TYPES,
  IATI_ORGANISATION_TYPES,
} from "../../domain/activities/activity-codes.js";
import type { ActivityDetail } from "../../domain/activities/activity-views.js";
import { INVOLVEMENTS, NATIONAL_ACTOR_TYPES } from "../../domain/cooperation/vocabularies.js";
import { LANGUAGE_INFO, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { Checkbox, type Choice, type FailedForm, formView, PostForm, Select, TextArea, TextInput } from "./activity-forms.js";
import type { ActivityCodeLabels } from "./activity-labels.js";

// The small forms that add to an activity's record (R5, R6, R8, R27): participants, transactions, results,
// indicators, values, documents, national actors. Each posts on its own and comes back with its errors.

type Props = { ctx: PageContext; a: ActivityDetail; failed?: FailedForm | undefined; codes: ActivityCodeLabels };

const today = () => new Date().toISOString().slice(0, 10);
const action = (a: ActivityDetail, part: string) => `/activities/${a.id}/${part}`;

export function ParticipantForm({ ctx, a, failed, organizations }: Props & { organizations: Choice[] }) {
  const { t } = ctx;
  const f = formView("participant", failed);
  const labels = {
    organizationId: t("activity.field.organization"),
    name: t("activity.field.orgName"),
    iatiRef: t("activity.field.iatiRef"),
    orgType: t("activity.field.orgType"),
    role: t("activity.field.role"),
  };
  return (
    <PostForm ctx={ctx} f={f} action={action(a, "participants")} labels={labels} submit={t("activity.participants.add")}>
      <Select
        f={f}
        name="role"
        label={labels.role}
        choices={ORGANISATION_ROLES.map((r) => ({ value: String(r), label: t(`activity.role.${r}` as MessageKey) }))}
        selected={[f.value("role", "1")]}
      />
      <Select
        f={f}
        name="organizationId"
        label={labels.organizationId}
        choices={organizations}
        selected={[f.value("organizationId")]}
        empty={t("activity.participants.byName")}
      />
      <TextInput f={f} name="name" label={labels.name} hint={t("activity.participants.nameHint")} value={f.value("name")} />
      <TextInput f={f} name="iatiRef" label={labels.iatiRef} hint={t("activity.participants.iatiRefHint")} value={f.value("iatiRef")} />
      <Select
        f={f}
        name="orgType"
        label={labels.orgType}
        choices={IATI_ORGANISATION_TYPES.map((c) => ({ value: c, label: t(`activity.orgType.${c}` as MessageKey) }))}
        selected={[f.value("orgType")]}
        empty="—"
      />
    </PostForm>
  );
}

export function TransactionForm({ ctx, a, failed, codes }: Props) {
  const { t } = ctx;
  const f = formView("transaction", failed);
  const labels = {
    transactionType: t("activity.field.transactionType"),
    transactionDate: t("activity.field.transactionDate"),
    amount: t("activity.field.amount"),
    currency: t("activity.field.currency"),
    description: t("activity.field.description"),
    providerName: t("activity.field.providerName"),
    receiverName: t("activity.field.receiverName"),
  };
  return (
    <PostForm ctx={ctx} f={f} action={action(a, "transactions")} labels={labels} submit={t("activity.money.add")}>
      <Select
        f={f}
        name="transactionType"
        label={labels.transactionType}
        choices={TRANSACTION_TYPES.map((c) => ({ value: String(c), label: t(`activity.transactionType.${c}` as MessageKey) }))}
        selected={[f.value("transactionType", "2")]}
      />
      <TextInput f={f} type="date" name="transactionDate" label={labels.transactionDate} value={f.value("transactionDate", today())} />
      <TextInput f={f} name="amount" label={labels.amount} hint={t("activity.money.amountHint")} value={f.value("amount")} inputMode="decimal" />
      <Select
        f={f}
        name="currency"
        label={labels.currency}
        choices={codes.currencies.map((c) => ({ value: c.code, label: c.label }))}
        selected={[f.value("currency", a.defaultCurrency)]}
      />
      <TextInput f={f} name="description" label={labels.description} value={f.value("description")} />
      <TextInput f={f} name="providerName" label={labels.providerName} value={f.value("providerName")} />
      <TextInput f={f} name="receiverName" label={labels.receiverName} value={f.value("receiverName")} />
    </PostForm>
  );
}

export function ResultForm({ ctx, a, failed }: Props) {
  const { t } = ctx;
  const f = formView("result", failed);
  const labels = { resultType: t("activity.field.resultType"), title: t("activity.field.resultTitle"), description: t("activity.field.description") };
  return (
    <PostForm ctx={ctx} f={f} action={action(a, "results")} labels={labels} submit={t("activity.results.add")}>
      <Select
        f={f}
        name="resultType"
        label={labels.resultType}
        choices={RESULT_TYPES.map((c) => ({ value: String(c), label: t(`activity.resultType.${c}` as MessageKey) }))}
        selected={[f.value("resultType", "1")]}
      />
      <TextInput f={f} name="title" label={labels.title} value={f.value("title")} />
      <TextArea f={f} name="description" label={labels.description} value={f.value("description")} rows={3} />
    </PostForm>
  );
}

export function IndicatorForm({ ctx, a, failed }: Props) {
  const { t } = ctx;
  if (a.results.length === 0) return <p class="meta">{t("activity.indicators.needResult")}</p>;
  const f = formView("indicator", failed);
  const labels = {
    resultId: t("activity.field.result"),
    title: t("activity.field.indicatorTitle"),
    measure: t("activity.field.measure"),
    ascending: t("activity.indicator.ascending"),
    baselineYear: t("activity.field.baselineYear"),
    baselineValue: t("activity.field.baselineValue"),
    targetValue: t("activity.field.targetValue"),
    targetDate: t("activity.field.targetDate"),
  };
  return (
    <PostForm ctx={ctx} f={f} action={action(a, "indicators")} labels={labels} submit={t("activity.indicators.add")}>
      <Select
        f={f}
        name="resultId"
        label={labels.resultId}
        choices={a.results.map((r) => ({ value: r.id, label: r.title }))}
        selected={[f.value("resultId")]}
      />
      <TextInput f={f} name="title" label={labels.title} value={f.value("title")} />
      <Select
        f={f}
        name="measure"
        label={labels.measure}
        choices={INDICATOR_MEASURES.map((c) => ({ value: String(c), label: t(`activity.measure.${c}` as MessageKey) }))}
        selected={[f.value("measure", "1")]}
      />
      <Checkbox
        f={f}
        name="ascending"
        label={labels.ascending}
        hint={t("activity.indicators.ascendingHint")}
        checked={failed?.name === "indicator" && failed.values ? f.value("ascending") === "yes" : true}
      />
      <TextInput f={f} name="baselineYear" label={labels.baselineYear} value={f.value("baselineYear")} inputMode="numeric" />
      <TextInput f={f} name="baselineValue" label={labels.baselineValue} value={f.value("baselineValue")} inputMode="decimal" />
      <TextInput f={f} name="targetValue" label={labels.targetValue} value={f.value("targetValue")} inputMode="decimal" />
      <TextInput f={f} type="date" name="targetDate" label={labels.targetDate} value={f.value("targetDate")} />
    </PostForm>
  );
}

export function ValueForm({ ctx, a, failed }: Props) {
  const { t } = ctx;
  const indicators = a.results.flatMap((r) => r.indicators.map((i) => ({ value: i.id, label: `${r.title} — ${i.title}` })));
  if (indicators.length === 0) return <p class="meta">{t("activity.values.needIndicator")}</p>;
  const f = formView("value", failed);
  const labels = {
    indicatorId: t("activity.field.indicator"),
    periodStart: t("activity.field.periodStart"),
    periodEnd: t("activity.field.periodEnd"),
    value: t("activity.field.value"),
    sex: t("activity.field.sex"),
    ageBand: t("activity.field.ageBand"),
    disability: t("activity.field.disability"),
    location: t("activity.field.location"),
  };
  return (
    <PostForm ctx={ctx} f={f} action={action(a, "values")} labels={labels} submit={t("activity.values.add")}>
      <Select f={f} name="indicatorId" label={labels.indicatorId} choices={indicators} selected={[f.value("indicatorId")]} />
      <TextInput f={f} type="date" name="periodStart" label={labels.periodStart} value={f.value("periodStart")} />
      <TextInput f={f} type="date" name="periodEnd" label={labels.periodEnd} value={f.value("periodEnd")} />
      <TextInput f={f} name="value" label={labels.value} hint={t("activity.values.hint")} value={f.value("value")} inputMode="decimal" />
      {/* R27: girls first-class — sex comes first, female before male. */}
      <Select
        f={f}
        name="sex"
        label={labels.sex}
        choices={SEXES.map((c) => ({ value: c, label: t(`activity.sex.${c}` as MessageKey) }))}
        selected={[f.value("sex", "total")]}
      />
      <Select
        f={f}
        name="ageBand"
        label={labels.ageBand}
        choices={AGE_BANDS.map((c) => ({ value: c, label: c === "total" ? t("activity.sex.total") : t("activity.age.band", { band: c }) }))}
        selected={[f.value("ageBand", "total")]}
      />
      <Select
        f={f}
        name="disability"
        label={labels.disability}
        choices={DISABILITY_STATUSES.map((c) => ({ value: c, label: t(`activity.disability.${c}` as MessageKey) }))}
        selected={[f.value("disability", "total")]}
      />
      <Select
        f={f}
        name="location"
        label={labels.location}
        choices={LOCATIONS.map((c) => ({ value: c, label: t(`activity.location.${c}` as MessageKey) }))}
        selected={[f.value("location", "total")]}
      />
    </PostForm>
  );
}

export function DocumentForm({ ctx, a, failed, codes }: Props) {
  const { t } = ctx;
  const f = formView("document", failed);
  const labels = {
    title: t("activity.field.documentTitle"),
    url: t("activity.field.url"),
    category: t("activity.field.category"),
    language: t("activity.field.language"),
    documentDate: t("activity.field.documentDate"),
  };
  return (
    <PostForm ctx={ctx} f={f} action={action(a, "documents")} labels={labels} submit={t("activity.documents.add")}>
      <TextInput f={f} name="title" label={labels.title} value={f.value("title")} />
      <TextInput f={f} type="url" name="url" label={labels.url} hint={t("activity.documents.urlHint")} value={f.value("url")} />
      <Select
        f={f}
        name="category"
        label={labels.category}
        choices={codes.documentCategories.map((c) => ({ value: c.code, label: c.label }))}
        selected={[f.value("category", "A07")]}
      />
      <Select
        f={f}
        name="language"
        label={labels.language}
        choices={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }))}
        selected={[f.value("language", ctx.lang)]}
      />
      <TextInput f={f} type="date" name="documentDate" label={labels.documentDate} value={f.value("documentDate")} />
    </PostForm>
  );
}

export function NationalActorForm({ ctx, a, failed }: Props) {
  const { t } = ctx;
  const f = formView("actor", failed);
  const labels = {
    actorType: t("activity.field.actorType"),
    involvement: t("activity.field.involvement"),
    name: t("activity.field.actorName"),
    nameConsented: t("activity.actors.nameConsented"),
  };
  return (
    <PostForm ctx={ctx} f={f} action={action(a, "national-actors")} labels={labels} submit={t("activity.actors.add")}>
      <Select
        f={f}
        name="actorType"
        label={labels.actorType}
        choices={NATIONAL_ACTOR_TYPES.map((c) => ({ value: c, label: t(`vocab.actorType.${c}` as MessageKey) }))}
        selected={[f.value("actorType")]}
      />
      <Select
        f={f}
        name="involvement"
        label={labels.involvement}
        choices={INVOLVEMENTS.map((c) => ({ value: c, label: t(`vocab.involvement.${c}` as MessageKey) }))}
        selected={[f.value("involvement")]}
      />
      <TextInput f={f} name="name" label={labels.name} hint={t("activity.actors.nameHint")} value={f.value("name")} />
      <Checkbox
        f={f}
        name="nameConsented"
        label={labels.nameConsented}
        hint={t("activity.actors.nameConsentedHint")}
        checked={f.value("nameConsented") === "yes"}
      />
    </PostForm>
  );
}
