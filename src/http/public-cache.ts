import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { currentDataStamp } from "../domain/transparency/data-stamp.js";
import type { Db } from "../store/db.js";

// Stable URLs, ETag and Cache-Control on public data (issue 5): a download's ETag is derived from the data stamp
// (which moves with every audited write), the URL with its query, the language and who is asking, so a client or
// a proxy revalidates cheaply and gets 304 while nothing changed. What a signed-in viewer sees depends on their
// organizations, so only anonymous responses may be stored by shared caches.

const PUBLIC_MAX_AGE_SECONDS = 300;

/**
 * Sets ETag and Cache-Control for a response built from published data. Returns true when the client's copy is
 * current: a 304 has then been sent and the caller must not send a body.
 */
export async function answerFromCache(db: Db, request: FastifyRequest, reply: FastifyReply, variant = ""): Promise<boolean> {
  const viewerKey = request.viewer?.userId ?? "anonymous";
  const stamp = await currentDataStamp(db);
  const etag = `W/"${createHash("sha256").update(`${stamp}|${request.url}|${viewerKey}|${variant}`).digest("base64url").slice(0, 27)}"`;
  reply.header("etag", etag);
  reply.header("vary", "Cookie, Accept-Language, Authorization");
  reply.header("cache-control", request.viewer?.userId ? "private, no-cache" : `public, max-age=${PUBLIC_MAX_AGE_SECONDS}, must-revalidate`);
  const ifNoneMatch = request.headers["if-none-match"];
  if (ifNoneMatch?.split(",").some((t) => t.trim() === etag)) {
    await reply.code(304).send();
    return true;
  }
  return false;
}
