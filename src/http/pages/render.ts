import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";

// Preact escapes every text and attribute value: user-supplied text can never become markup.
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>${render(page)}`;
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(renderDocument(page));
}

/** Reads one string field from a parsed form or query object; arrays and non-strings count as absent. */
export function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}
