import type { FastifyInstance } from "fastify";
import type { ProfileEntry, StateContact, StateProfile } from "../../domain/profiles/profile-schemas.js";
import { getStateProfile } from "../../domain/profiles/profile-service.js";
import { dirOf } from "../../web/components/recommendation-bits.js";
import { formatDate, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { registerProfileForms } from "./profile-forms.js";
import { field, sendPage } from "./render.js";

// One-page country profile (R2; res. 45/32 OP1, OP2): the State's needs in its own order of priority first — what
// providers answer to — then challenges, achievements, good practices and contacts, each as the State chose to share.

type Props = { ctx: PageContext; profile: StateProfile; state: string; labels: CodeLabels; saved: string | undefined; moved: number };

export function countryLinks(ctx: PageContext, iso3: string, state: string) {
  const { t } = ctx;
  return (
    <nav class="meta country-subnav" aria-label={t("profile.subnav", { state })}>
      <a href={`/countries/${iso3}`}>{state}</a> · <a href={`/countries/${iso3}/profile`}>{t("profile.link")}</a> ·{" "}
      <a href={`/countries/${iso3}/coordination`}>{t("coord.link")}</a> · <a href={`/countries/${iso3}/digest`}>{t("digest.link")}</a>
    </nav>
  );
}

function EntryCard({ ctx, entry, iso3, labels, canEdit }: { ctx: PageContext; entry: ProfileEntry; iso3: string; labels: CodeLabels; canEdit: boolean }) {
  const { t, lang } = ctx;
  const isNeed = entry.kind === "need";
  const hasStatus = entry.kind === "need" || entry.kind === "challenge";
  const ranked = isNeed && entry.status !== "met" && entry.priorityRank !== null;
  return (
    <article class="profile-entry" id={`entry-${entry.id}`} aria-labelledby={`entry-${entry.id}-title`}>
      <h3 id={`entry-${entry.id}-title`}>
        {isNeed && (
          <span class={ranked ? "badge rank-badge" : "badge badge-muted"}>
            {ranked ? t("profile.rank", { rank: entry.priorityRank ?? 0 }) : t("profile.unranked")}
          </span>
        )}
        <span lang={entry.textLang} dir={dirOf(entry.textLang)}>
          {entry.title}
        </span>
      </h3>
      <p class="meta">
        {hasStatus && <span class={entry.status === "met" ? "badge badge-ok" : "badge"}>{t(`profile.entryStatus.${entry.status}`)}</span>}
        {entry.visibility !== "public" && (
          <span class="badge badge-muted">
            {t("profile.visibleTo")}: {t(`visibility.${entry.visibility}`)}
          </span>
        )}
        <span>{t("profile.updated", { date: formatDate(lang, entry.updatedAt) })}</span>
      </p>
      {entry.description && (
        <p class="profile-text" lang={entry.textLang} dir={dirOf(entry.textLang)}>
          {entry.description}
        </p>
      )}
      {(entry.themes.length > 0 || entry.sdgTargets.length > 0 || entry.recommendationIds.length > 0) && (
        <dl class="facts">
          {entry.themes.length > 0 && (
            <>
              <dt>{t("profile.themes")}</dt>
              <dd>{entry.themes.map((c) => labels.theme(c)).join(" · ")}</dd>
            </>
          )}
          {entry.sdgTargets.length > 0 && (
            <>
              <dt>{t("profile.sdgTargets")}</dt>
              <dd>{entry.sdgTargets.join(", ")}</dd>
            </>
          )}
          {entry.recommendationIds.length > 0 && (
            <>
              <dt>{t("profile.recommendations")}</dt>
              <dd>
                <ul class="plain-list">
                  {entry.recommendationIds.map((id) => (
                    <li key={id}>
                      <a href={`/recommendations/${encodeURIComponent(id)}`}>{id}</a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
      {canEdit && (
        <p>
          <a href={`/countries/${iso3}/profile/entries/${entry.id}/edit`}>
            {t("profile.edit")}
            <span class="visually-hidden">: {entry.title}</span>
          </a>
        </p>
      )}
    </article>
  );
}

function EntrySection({
  ctx,
  id,
  kind,
  heading,
  help,
  entries,
  iso3,
  labels,
  canEdit,
  ordered,
}: {
  ctx: PageContext;
  id: string;
  kind: ProfileEntry["kind"];
  heading: string;
  help?: string;
  entries: ProfileEntry[];
  iso3: string;
  labels: CodeLabels;
  canEdit: boolean;
  ordered?: boolean;
}) {
  const { t } = ctx;
  const List = ordered ? "ol" : "ul";
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {help && <p class="meta">{help}</p>}
      {entries.length === 0 ? (
        <p class="meta">{t("profile.none")}</p>
      ) : (
        <List class="profile-list">
          {entries.map((e) => (
            <li key={e.id}>
              <EntryCard ctx={ctx} entry={e} iso3={iso3} labels={labels} canEdit={canEdit} />
            </li>
          ))}
        </List>
      )}
      {canEdit && (
        <p>
          <a class="button button-secondary" href={`/countries/${iso3}/profile/entries/new?kind=${kind}`}>
            {t(`profile.add.${kind}` as MessageKey)}
          </a>
        </p>
      )}
    </section>
  );
}

function Contacts({ ctx, contacts, iso3, state, canEdit }: { ctx: PageContext; contacts: StateContact[]; iso3: string; state: string; canEdit: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="contacts-h">
      <h2 id="contacts-h">{t("profile.contacts")}</h2>
      {contacts.length === 0 ? (
        <p class="meta">{t("profile.none")}</p>
      ) : (
        <div class="table-scroll caption-fit">
          <table>
            <caption>{t("profile.contacts.caption", { state })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("profile.col.kind")}</th>
                <th scope="col">{t("profile.col.name")}</th>
                <th scope="col">{t("profile.col.institution")}</th>
                <th scope="col">{t("profile.col.reach")}</th>
                <th scope="col">{t("profile.visibleTo")}</th>
                {canEdit && <th scope="col">{t("profile.col.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>{t(`profile.contactKind.${c.kind}`)}</td>
                  <th scope="row">
                    {c.name}
                    {c.functionTitle && <span class="meta"> — {c.functionTitle}</span>}
                  </th>
                  <td>{c.institution || "—"}</td>
                  <td>
                    {c.email && (
                      <a href={`mailto:${c.email}`} dir="ltr">
                        {c.email}
                      </a>
                    )}
                    {c.email && c.phone && <br />}
                    {c.phone && (
                      <a href={`tel:${c.phone.replace(/[^+0-9]/g, "")}`} dir="ltr">
                        {c.phone}
                      </a>
                    )}
                    {!c.email && !c.phone && "—"}
                  </td>
                  <td>{t(`visibility.${c.visibility}`)}</td>
                  {canEdit && (
                    <td>
                      <a href={`/countries/${iso3}/profile/contacts/${c.id}/edit`}>
                        {t("profile.edit")}
                        <span class="visually-hidden">: {c.name}</span>
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <p>
          <a class="button button-secondary" href={`/countries/${iso3}/profile/contacts/new`}>
            {t("profile.add.contact")}
          </a>
        </p>
      )}
    </section>
  );
}

function ProfilePage({ ctx, profile, state, labels, saved, moved }: Props) {
  const { t } = ctx;
  const iso3 = profile.stateIso3;
  const common = { ctx, iso3, labels, canEdit: profile.canEdit };
  return (
    <Layout ctx={ctx} title={t("profile.title", { state })} active="countries">
      {countryLinks(ctx, iso3, state)}
      <h1>{t("profile.title", { state })}</h1>
      <p class="lead">{t("profile.lead")}</p>
      {saved && (
        <p class="notice" role="status">
          {t("profile.saved")} {moved > 0 && t("profile.moved", { count: moved })}
        </p>
      )}
      {!profile.canEdit && <p class="meta">{t("profile.whoEdits")}</p>}
      <EntrySection {...common} id="needs-h" kind="need" heading={t("profile.needs")} help={t("profile.needs.help")} entries={profile.needs} ordered />
      <EntrySection {...common} id="challenges-h" kind="challenge" heading={t("profile.challenges")} entries={profile.challenges} />
      <EntrySection {...common} id="achievements-h" kind="achievement" heading={t("profile.achievements")} entries={profile.achievements} />
      <EntrySection {...common} id="practices-h" kind="good_practice" heading={t("profile.goodPractices")} entries={profile.goodPractices} />
      <Contacts ctx={ctx} contacts={profile.contacts} iso3={iso3} state={state} canEdit={profile.canEdit} />
    </Layout>
  );
}

export function registerProfilePages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/countries/:iso3/profile", async (request, reply) => {
    const { iso3 } = request.params as { iso3: string };
    if (iso3 !== iso3.toUpperCase()) return reply.redirect(`/countries/${encodeURIComponent(iso3.toUpperCase())}/profile`, 301);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [profile, labels] = await Promise.all([getStateProfile(db, request.viewer, iso3), codeLabels(db, ctx.lang)]);
    const moved = Number(field(request.query, "moved") ?? "0");
    return sendPage(
      reply,
      <ProfilePage
        ctx={ctx}
        profile={profile}
        state={labels.country(iso3)}
        labels={labels}
        saved={field(request.query, "saved")}
        moved={Number.isInteger(moved) && moved > 0 ? moved : 0}
      />,
    );
  });

  registerProfileForms(app, deps);
}
