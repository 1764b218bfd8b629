import type { ComponentChildren } from "preact";
import { LANGUAGE_INFO, LANGUAGES } from "./i18n/i18n.js";
import type { PageContext } from "./page-context.js";

type LayoutProps = { ctx: PageContext; title: string; children: ComponentChildren; active?: string };

// One layout for every page: landmarks (header, nav, main, footer), a skip link, lang/dir on <html>,
// no script needed. Styles are one small cached stylesheet.
export function Layout({ ctx, title, children, active }: LayoutProps) {
  const { t, lang } = ctx;
  const dir = LANGUAGE_INFO[lang].dir;
  const signedIn = ctx.viewer.userId !== null;
  const nav: { href: string; key: Parameters<typeof t>[0]; id: string }[] = [
    { href: "/", key: "nav.home", id: "home" },
    { href: "/recommendations", key: "nav.recommendations", id: "recommendations" },
    { href: "/countries", key: "nav.countries", id: "countries" },
    { href: "/requests", key: "nav.requests", id: "requests" },
    { href: "/offers", key: "nav.offers", id: "offers" },
    { href: "/activities", key: "nav.activities", id: "activities" },
    { href: "/education", key: "nav.education", id: "education" },
    { href: "/transparency", key: "nav.transparency", id: "transparency" },
    { href: "/organizations", key: "nav.organizations", id: "organizations" },
    { href: "/data", key: "nav.data", id: "data" },
  ];
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t("site.name")}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("site.skip")}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                ⟷
              </span>
              <span class="brand-name">{t("site.name")}</span>
              <span class="brand-tagline">{t("site.tagline")}</span>
            </a>
            <LanguageSwitcher ctx={ctx} />
          </div>
          <nav class="site-nav" aria-label={t("nav.label")}>
            <ul class="wrap nav-list">
              {nav.map((item) => (
                <li key={item.id}>
                  <a href={item.href} aria-current={active === item.id ? "page" : undefined}>
                    {t(item.key)}
                  </a>
                </li>
              ))}
              <li class="nav-end">
                {signedIn ? (
                  <>
                    <a href="/account" aria-current={active === "account" ? "page" : undefined}>
                      {t("nav.account")}
                    </a>
                    <form method="post" action="/logout" class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button">
                        {t("nav.signOut")}
                      </button>
                    </form>
                  </>
                ) : (
                  <a href="/login" aria-current={active === "login" ? "page" : undefined}>
                    {t("nav.signIn")}
                  </a>
                )}
              </li>
            </ul>
          </nav>
        </header>
        {ctx.showDemoNotice && (
          <div class="wrap">
            <p class="demo-notice" role="note">
              {t("site.demoNotice")}
            </p>
          </div>
        )}
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t("site.footer.about")}</p>
            <p>
              <a href="/data">{t("site.footer.sources")}</a> · <a href="/open-data">{t("opendata.title")}</a> · <a href="/tagging">{t("taggingabout.title")}</a>{" "}
              · <a href="/api/v1/openapi.json">{t("site.footer.api")}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function LanguageSwitcher({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="lang-switch" aria-label={ctx.t("lang.label")}>
      <ul>
        {LANGUAGES.map((code) => {
          const params = new URLSearchParams({ ...ctx.query, lang: code });
          return (
            <li key={code}>
              <a href={`${ctx.path}?${params.toString()}`} lang={code} hrefLang={code} aria-current={code === ctx.lang ? "true" : undefined}>
                {LANGUAGE_INFO[code].nativeName}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
