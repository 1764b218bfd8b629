import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LoginSchema } from "../../domain/accounts/account-schemas.js";
import { listAccountMemberships, signIn, signOut } from "../../domain/accounts/account-service.js";
import { scopeOf } from "../../domain/access/viewer.js";
import { DEMO_PASSWORD } from "../../domain/setup/demo-seed.js";
import { type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import { toProblems } from "../../domain/core/validate.js";
import { FormErrors, fieldError } from "../../web/components/form-errors.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext, SESSION_COOKIE } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { field, sendPage } from "./render.js";

type LoginForm = { email: string; next: string; problems: FieldProblem[]; message?: string; notice?: string };

function LoginPage({ ctx, form, demo }: { ctx: PageContext; form: LoginForm; demo: boolean }) {
  const { t } = ctx;
  const emailError = fieldError(form.problems, "email");
  const passwordError = fieldError(form.problems, "password");
  return (
    <Layout ctx={ctx} title={t("login.title")} active="login">
      <h1>{t("login.title")}</h1>
      {form.notice && (
        <p class="notice" role="status">
          {form.notice}
        </p>
      )}
      <FormErrors ctx={ctx} problems={form.problems} message={form.message} />
      <p class="lead">{t("login.lead")}</p>
      <form method="post" action="/login" class="stacked" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="next" value={form.next} />
        <div class={`field${emailError ? " field-error" : ""}`}>
          <label for="field-email">{t("login.email")}</label>
          {emailError && (
            <span class="field-message" id="email-error">
              {emailError}
            </span>
          )}
          <input
            type="email"
            id="field-email"
            name="email"
            value={form.email}
            autocomplete="username"
            required
            aria-invalid={emailError ? "true" : undefined}
            aria-describedby={emailError ? "email-error" : undefined}
          />
        </div>
        <div class={`field${passwordError ? " field-error" : ""}`}>
          <label for="field-password">{t("login.password")}</label>
          {passwordError && (
            <span class="field-message" id="password-error">
              {passwordError}
            </span>
          )}
          <input
            type="password"
            id="field-password"
            name="password"
            autocomplete="current-password"
            required
            aria-invalid={passwordError ? "true" : undefined}
            aria-describedby={passwordError ? "password-error" : undefined}
          />
        </div>
        <div>
          <button type="submit" class="button">
            {t("login.submit")}
          </button>
        </div>
      </form>
      {demo && <p class="meta">{t("login.demoHint", { password: DEMO_PASSWORD })}</p>}
    </Layout>
  );
}

// Only same-site paths: an open redirect after sign-in would help phishing.
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/account";
}

export function registerAuthPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  const show = (request: FastifyRequest, reply: FastifyReply, form: LoginForm, status = 200) =>
    sendPage(reply, <LoginPage ctx={pageContext(request, reply, { showDemoNotice: deps.demo })} form={form} demo={deps.demo} />, status);

  app.get("/login", async (request, reply) => {
    const notice = field(request.query, "signedOut") ? pageContext(request, reply, { showDemoNotice: false }).t("login.signedOut") : undefined;
    return show(request, reply, { email: "", next: safeNext(field(request.query, "next")), problems: [], notice });
  });

  app.post("/login", { preHandler: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: "1 minute" } } }, async (request, reply) => {
    const t = pageContext(request, reply, { showDemoNotice: false }).t;
    const input = { email: field(request.body, "email") ?? "", password: field(request.body, "password") ?? "" };
    const next = safeNext(field(request.body, "next"));
    const parsed = LoginSchema.safeParse(input);
    if (!parsed.success) return show(request, reply, { email: input.email, next, problems: toProblems(parsed.error) }, 400);
    try {
      const session = await signIn(db, parsed.data);
      reply.setCookie(SESSION_COOKIE, session.sessionToken, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: deps.config.production,
        // A browser-session cookie: the database decides expiry (sliding, after SESSION_IDLE_MS without activity).
      });
      return reply.redirect(next, 303);
    } catch (e) {
      if (isAppError(e) && (e.code === "unauthenticated" || e.code === "rate_limited")) {
        const message = e.code === "rate_limited" ? t("login.throttled") : t("login.failed");
        return show(request, reply, { email: input.email, next, problems: [], message }, e.code === "rate_limited" ? 429 : 401);
      }
      throw e;
    }
  });

  app.post("/logout", { preHandler: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/login?signedOut=1", 303);
  });

  app.get("/account", async (request, reply) => {
    const viewer = request.viewer;
    if (!viewer.userId) return reply.redirect(`/login?next=${encodeURIComponent("/account")}`, 303);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const memberships = await listAccountMemberships(db, viewer.userId);
    const scope = scopeOf(viewer);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("account.title")} active="account">
        <h1>{t("account.title")}</h1>
        <p class="lead">{t("account.signedInAs", { name: viewer.displayName ?? "" })}</p>
        <h2>{t("account.memberships")}</h2>
        {memberships.length === 0 ? (
          <p>{t("account.noMemberships")}</p>
        ) : (
          <ScrollTable headers={[t("organizations.col.name"), t("organizations.col.type"), t("organizations.col.country")]}>
            {memberships.map((m) => (
              <tr key={`${m.organizationId}-${m.role}`}>
                <td>
                  <a href={`/organizations/${m.organizationSlug}`}>{m.organizationName}</a> <span class="badge">{t(`role.${m.role}`)}</span>
                </td>
                <td>{t(`orgType.${m.organizationType}`)}</td>
                <td>{m.countryIso3 ? <a href={`/countries/${m.countryIso3}`}>{m.countryIso3}</a> : "—"}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <h2>{t("account.scope")}</h2>
        <ul>
          <li>{t("account.scope.public")}</li>
          {scope.stateIso3s.length > 0 && <li>{t("account.scope.state", { states: scope.stateIso3s.join(", ") })}</li>}
          {scope.isUn && <li>{t("account.scope.un")}</li>}
          {scope.organizationIds.length > 0 && <li>{t("account.scope.own")}</li>}
        </ul>
      </Layout>,
    );
  });
}
