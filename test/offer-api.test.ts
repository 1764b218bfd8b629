import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/domain/accounts/account-service.js";
import { findOrganizationBySlug } from "../src/store/organization-store.js";
import { TEST_ACTOR } from "./factories.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";
import { insertRequest, requestStatus } from "./offer-fixtures.js";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";

// The offers, matching and pairing API (tags "offers" and "matching"), with API tokens and with a browser session.
let server: TestServer;
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};
let requestId = "";

beforeAll(async () => {
  server = await startTestServer();
  const db = server.handle.db;
  for (const [who, email] of [
    ["ohchr", "officer.ohchr@demo.passerelle.example"],
    ["unesco", "officer.unesco@demo.passerelle.example"],
    ["senegal", "focal.senegal@demo.passerelle.example"],
    ["cso", "cso.senegal@demo.passerelle.example"],
  ] as const) {
    tokens[who] = (await createApiToken(db, TEST_ACTOR, { email })).token;
  }
  for (const slug of ["ohchr", "unesco", "sen-ministry-justice"]) orgs[slug] = (await findOrganizationBySlug(db, slug))?.id as string;
  requestId = await insertRequest(db, {
    stateIso3: "SEN",
    organizationId: orgs["sen-ministry-justice"] as string,
    providers: [orgs.ohchr as string, orgs.unesco as string],
  });
});
afterAll(async () => {
  await server.close();
});

type Json = Record<string, unknown>;
const call = (method: "GET" | "POST" | "PUT", url: string, who?: string, payload?: Json) =>
  server.app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

const offerBody = (extra: Json = {}) => ({
  organizationId: orgs.unesco,
  requestId,
  title: "Teacher training for distance learning",
  themes: ["E5"],
  sdgTargets: ["4.c"],
  modalities: ["training"],
  cooperationType: "multilateral",
  languages: ["fr"],
  regions: ["011"],
  availableFrom: "2027-01-01",
  availableTo: "2027-12-31",
  budgetAmount: "45000",
  budgetCurrency: "USD",
  visibility: "state_and_un",
  ...extra,
});

describe("offers API", () => {
  it("drafts, edits with optimistic locking, publishes; the request moves to offer_made", async () => {
    expect((await call("POST", "/api/v1/offers", undefined, offerBody())).statusCode).toBe(401);
    const bad = await call("POST", "/api/v1/offers", "unesco", offerBody({ title: "x", budgetCurrency: "ABC" }));
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { problems: { field: string }[] } }).error.problems.map((p) => p.field)).toEqual(
      expect.arrayContaining([expect.stringMatching(/title/)]),
    );
    const unknownCurrency = await call("POST", "/api/v1/offers", "unesco", offerBody({ budgetCurrency: "ABC" }));
    expect(unknownCurrency.statusCode).toBe(400);
    expect(unknownCurrency.json()).toMatchObject({ error: { code: "invalid_input", problems: [{ field: "budgetCurrency" }] } });

    const created = await call("POST", "/api/v1/offers", "unesco", offerBody());
    expect(created.statusCode).toBe(201);
    const offer = created.json() as Json & { id: string };
    expect(offer).toMatchObject({ status: "draft", version: 1, stateIso3: "SEN", requestId, budgetAmount: "45000.00", provider: { slug: "unesco" } });
    expect((await call("GET", `/api/v1/offers/${offer.id}`, "senegal")).statusCode).toBe(404);

    const edited = await call("PUT", `/api/v1/offers/${offer.id}`, "unesco", { ...offerBody({ title: "Teacher training, distance and blended" }), version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, title: "Teacher training, distance and blended" });
    const stale = await call("PUT", `/api/v1/offers/${offer.id}`, "unesco", { ...offerBody(), version: 1 });
    expect(stale.statusCode).toBe(409);

    const published = await call("POST", `/api/v1/offers/${offer.id}/transitions`, "unesco", { to: "published", version: 2 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", version: 3 });
    expect(await requestStatus(server.handle.db, requestId)).toBe("offer_made");
    expect((await call("POST", `/api/v1/offers/${offer.id}/transitions`, "unesco", { to: "accepted" })).statusCode).toBe(403);
    expect((await call("POST", `/api/v1/offers/${offer.id}/transitions`, "senegal", { to: "declined" })).statusCode).toBe(422);

    const board = await call("GET", "/api/v1/offers?theme=E5", "senegal");
    expect((board.json() as { items: { id: string }[] }).items.map((o) => o.id)).toContain(offer.id);
    expect((await call("GET", "/api/v1/offers?mine=true&status=draft", "unesco")).statusCode).toBe(200);
    expect((await call("GET", "/api/v1/offers?region=bad")).statusCode).toBe(400);
  });

  it("provider profiles: read by anyone, written by the provider's staff with the version", async () => {
    expect((await call("GET", "/api/v1/providers/unesco/profile")).json()).toMatchObject({ version: 0, themes: [] });
    const body = {
      summary: "Education sector: teacher policy, distance learning",
      themes: ["E5"],
      languages: ["fr", "en"],
      cooperationTypes: ["multilateral"],
      version: 0,
    };
    expect((await call("PUT", "/api/v1/providers/unesco/profile", "ohchr", body)).statusCode).toBe(403);
    const saved = await call("PUT", "/api/v1/providers/unesco/profile", "unesco", body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, themes: ["E5"] });
    expect((await call("PUT", "/api/v1/providers/unesco/profile", "unesco", body)).statusCode).toBe(409);
    expect((await call("GET", "/api/v1/providers/sen-nhri/profile")).statusCode).toBe(404);
    const list = (await call("GET", "/api/v1/providers")).json() as { items: { slug: string }[] };
    expect(list.items.map((p) => p.slug)).toContain("unesco");
  });
});

describe("matching and pairings API", () => {
  it("ranks offers for a request with explanations, requests for an offer, and pairs them", async () => {
    const offer = (
      await call(
        "POST",
        "/api/v1/offers",
        "ohchr",
        offerBody({ organizationId: orgs.ohchr, title: "Legislative review of the education code", modalities: ["legislative_review"] }),
      )
    ).json() as { id: string };
    await call("POST", `/api/v1/offers/${offer.id}/transitions`, "ohchr", { to: "published" });
    const matches = await call("GET", `/api/v1/requests/${requestId}/matches`, "senegal");
    expect(matches.statusCode).toBe(200);
    const body = matches.json() as { offers: { offerId: string; score: number; explanation: { factor: string; matched: string[] }[] }[] };
    expect(body.offers.length).toBeGreaterThanOrEqual(2);
    const scores = body.offers.map((o) => o.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(body.offers[0]?.explanation.find((e) => e.factor === "themes")?.matched).toEqual(["E5"]);
    expect((await call("GET", `/api/v1/requests/${requestId}/matches`)).statusCode).toBe(404);

    expect((await call("GET", `/api/v1/offers/${offer.id}/matches`, "ohchr")).statusCode).toBe(200);
    expect((await call("GET", `/api/v1/offers/${offer.id}/matches`, "unesco")).statusCode).toBe(403);

    const pairing = await call("POST", "/api/v1/pairings", "senegal", { requestId, offerId: offer.id });
    expect(pairing.statusCode).toBe(201);
    const p = pairing.json() as { id: string; followUpDue: string; matchScore: number; version: number };
    expect(p.matchScore).toBeGreaterThan(0);
    expect((await call("POST", "/api/v1/pairings", "senegal", { requestId, offerId: offer.id })).statusCode).toBe(409);
    const withMilestone = await call("POST", `/api/v1/pairings/${p.id}/milestones`, "ohchr", { title: "Inception mission", dueOn: "2027-04-01" });
    expect(withMilestone.statusCode).toBe(201);
    const milestoneId = (withMilestone.json() as { milestones: { id: string }[] }).milestones[0]?.id;
    const done = await call("POST", `/api/v1/pairings/${p.id}/milestones/${milestoneId}/done`, "senegal", {});
    expect(done.statusCode).toBe(200);
    const version = (done.json() as { version: number }).version;
    const report = await call("POST", `/api/v1/pairings/${p.id}/follow-up`, "ohchr", {
      report: "The education code review was adopted by the Council of Ministers.",
      version,
    });
    expect(report.json()).toMatchObject({ status: "completed", followUpOverdue: false });
    expect((await call("GET", `/api/v1/pairings/${p.id}`, "cso")).statusCode).toBe(404);
    expect(((await call("GET", "/api/v1/pairings", "cso")).json() as { total: number }).total).toBe(0);
    expect(((await call("GET", "/api/v1/pairings?overdue=true", "senegal")).json() as { total: number }).total).toBe(0);
  });

  it("a browser session must send the CSRF token to write", async () => {
    const page = await server.app.inject({ method: "GET", url: "/login" });
    const login = await postForm(
      server,
      "/login",
      { _csrf: csrfTokenOf(page.body), email: "officer.unesco@demo.passerelle.example", password: DEMO_PASSWORD },
      cookieJar(page),
    );
    const cookies = { ...cookieJar(page), ...cookieJar(login) };
    const res = await server.app.inject({ method: "POST", url: "/api/v1/offers", payload: offerBody(), cookies });
    expect(res.statusCode).toBe(403);
  });

  it("documents the endpoints in OpenAPI under the offers and matching tags", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths["/api/v1/offers"]?.post?.tags).toEqual(["offers"]);
    expect(doc.paths["/api/v1/offers/{id}/transitions"]?.post?.tags).toEqual(["offers"]);
    expect(doc.paths["/api/v1/providers/{organizationId}/profile"]?.put?.tags).toEqual(["offers"]);
    expect(doc.paths["/api/v1/requests/{id}/matches"]?.get?.tags).toEqual(["matching"]);
    expect(doc.paths["/api/v1/offers/{id}/matches"]?.get?.tags).toEqual(["matching"]);
    expect(doc.paths["/api/v1/pairings/{id}/follow-up"]?.post?.tags).toEqual(["matching"]);
  });
});
