import type { FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode } from "../../domain/core/app-error.js";
import { Layout } from "../../web/layout.js";
import { pageContext } from "../request-context.js";
import { renderDocument } from "./render.js";

type ErrorInfo = { status: number; code: ErrorCode | "internal"; message: string; reference: string | undefined; demo: boolean };

export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, info: ErrorInfo): string {
  const ctx = pageContext(request, reply, { showDemoNotice: info.demo });
  const { t } = ctx;
  const [title, body] =
    info.status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : info.status === 403
        ? [t("error.forbidden.title"), info.message.includes("security token") ? t("error.csrf.body") : t("error.forbidden.body")]
        : info.status >= 500
          ? [t("error.server.title"), t("error.server.body", { ref: info.reference ?? "-" })]
          : [t("error.badRequest.title"), info.message];
  return renderDocument(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{body}</p>
      <p class="meta">
        HTTP {info.status} · {info.code}
      </p>
      <p>
        <a class="button" href="/">
          {t("error.backHome")}
        </a>
      </p>
    </Layout>,
  );
}
