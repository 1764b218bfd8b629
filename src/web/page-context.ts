import type { Viewer } from "../domain/access/viewer.js";
import type { Lang, Translate } from "./i18n/i18n.js";

/** Everything a page component needs about the request, decided once by the HTTP layer. */
export type PageContext = {
  lang: Lang;
  t: Translate;
  viewer: Viewer;
  /** Path and query of the current page, to build language-switch links that keep the user in place. */
  path: string;
  query: Record<string, string>;
  /** A fresh CSRF token for forms on this page. */
  csrfToken: string;
  showDemoNotice: boolean;
};
