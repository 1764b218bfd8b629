import type { ComponentChildren } from "preact";
import { FormErrors } from "../../web/components/form-errors.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import type { Problems } from "./profile-form-fields.js";

/** The words of one area's forms (State profile, monitoring …): its page, and the conflict and button texts. */
export type StateFormTexts = { areaHref: string; areaLink: string; conflict: string; openCurrent: string; save: string; cancel: string };

/**
 * The frame of a form about one State's records, without JavaScript: breadcrumb, errors, the stale-edit notice (a
 * form holding an old version is refused and links to the current record), CSRF and version fields, save and cancel.
 */
export function StateFormPage({
  ctx,
  title,
  state,
  iso3,
  action,
  version,
  problems,
  texts,
  cancelHref,
  children,
  after,
}: {
  ctx: PageContext;
  title: string;
  state: string;
  iso3: string;
  action: string;
  version: number | null;
  problems: Problems;
  texts: StateFormTexts;
  cancelHref: string;
  children: ComponentChildren;
  after?: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title} active="countries">
      <p class="meta">
        <a href={`/countries/${iso3}`}>{state}</a> · <a href={texts.areaHref}>{texts.areaLink}</a>
      </p>
      <h1>{title}</h1>
      <FormErrors ctx={ctx} problems={problems.problems} message={problems.message} />
      {problems.conflictHref && (
        <p class="notice-warn" role="alert">
          {texts.conflict} <a href={problems.conflictHref}>{texts.openCurrent}</a>
        </p>
      )}
      <form method="post" action={action} class="stacked" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {version !== null && <input type="hidden" name="version" value={String(version)} />}
        {children}
        <div class="form-actions">
          <button type="submit" class="button">
            {texts.save}
          </button>
          <a class="button button-secondary" href={cancelHref}>
            {texts.cancel}
          </a>
        </div>
      </form>
      {after}
    </Layout>
  );
}
