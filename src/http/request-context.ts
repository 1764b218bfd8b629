import type { FastifyReply, FastifyRequest } from "fastify";
import { ANONYMOUS, type Viewer } from "../domain/access/viewer.js";
import { isLang, type Lang, negotiateLanguage, translator } from "../web/i18n/i18n.js";
import type { PageContext } from "../web/page-context.js";

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer;
    lang: Lang;
    /** How the viewer was authenticated: API tokens never need CSRF tokens, cookies always do. */
    authVia: "none" | "session" | "token";
  }
}

export const SESSION_COOKIE = "psid";
export const LANG_COOKIE = "lang";

/** UI language: explicit ?lang= (remembered in a cookie), then the cookie, then the browser's preference. */
export function chooseLanguage(request: FastifyRequest, reply: FastifyReply): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  const asked = query?.lang;
  if (isLang(asked)) {
    if (request.cookies[LANG_COOKIE] !== asked) {
      reply.setCookie(LANG_COOKIE, asked, { path: "/", sameSite: "lax", maxAge: 365 * 86_400, httpOnly: true });
    }
    return asked;
  }
  const remembered = request.cookies[LANG_COOKIE];
  if (isLang(remembered)) return remembered;
  return negotiateLanguage(request.headers["accept-language"]) ?? "en";
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, options: { showDemoNotice: boolean }): PageContext {
  const url = new URL(request.url, "http://localhost");
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== "lang") query[k] = v;
  return {
    lang: request.lang,
    t: translator(request.lang),
    viewer: request.viewer ?? ANONYMOUS,
    path: url.pathname,
    query,
    csrfToken: reply.generateCsrf(),
    showDemoNotice: options.showDemoNotice,
  };
}
