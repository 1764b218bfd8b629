import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMatrixWorld, type MatrixWorld, ORG_NAMES, ROLE_KEYS, type RoleKey } from "./access-matrix-fixtures.js";
import { startTestServer, type TestServer } from "./http-harness.js";

// The access matrix (DESIGN.md "Access, consent and publication"): every role × every record × every list, detail,
// search, aggregate and export endpoint of technical cooperation, in JSON, HTML and CSV. The expectations come from the
// two tables below, written from the rules in DESIGN.md and docs/api.md — not from the code under test:
//   - a draft request is its State's alone; a submitted one is for the State, the providers it is addressed to and UN
//     providers until the State publishes it;
//   - a draft offer is its provider's alone; a published one is seen as its visibility says, and by the State it is
//     made to;
//   - pairings are seen by their parties and UN staff, never published;
//   - an activity is public by default; withheld details and un_only activities are for its circle (the State, the
//     reporting provider, participating organizations, UN providers); withheld activities are counted for others from
//     3 up, per State (small-cell rule);
//   - consent records (who signed, the note verbale's reference, revocation reasons) are for the activity's circle;
//   - a State sees all of its profile entries, others as the State chose;
//   - a national actor's name shows only with its consent, except to the State and the record's owner (R8);
//   - civil-society and NHRI assessments never show their author to the State unless the author chose so (R31); the
//     stricter reading is applied: the author is named only to UN staff and the author's own organization;
//   - an organization that asked not to be listed is named to UN staff only (R31);
//   - the administrator role grants account management, not reading (R31).
// A record a viewer may not see is a 404 on every detail endpoint, exactly like one that does not exist (docs/api.md);
// its marker and its id never appear in any body the viewer gets.

let server: TestServer;
let world: MatrixWorld;

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  world = await buildMatrixWorld(server.handle.db);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

// ---- the expectation tables ----

const SEN: readonly RoleKey[] = ["senFocal", "senNmirf"];
const MLI: readonly RoleKey[] = ["mliFocal"];
const UN: readonly RoleKey[] = ["ohchr", "unesco"];
const ALL: readonly RoleKey[] = ROLE_KEYS;

type Kind = "request" | "offer" | "pairing" | "activity" | "profile" | "contact" | "assessment";
type Rec = {
  kind: Kind;
  state: "SEN" | "MLI";
  marker: string;
  seenBy: readonly RoleKey[];
  draft?: boolean;
  /** requests: the providers it is addressed to; offers: the provider that made it. */
  addressedTo?: readonly RoleKey[];
  owner?: RoleKey;
  /** activities whose details the State withheld (counted for outsiders). */
  withheld?: boolean;
};

const RECORDS = {
  reqDraftSEN: { kind: "request", state: "SEN", marker: "MXREQDraftSENx", seenBy: SEN, draft: true, addressedTo: ["ohchr"] },
  reqSharedSEN: { kind: "request", state: "SEN", marker: "MXREQSharedSENx", seenBy: [...SEN, ...UN, "regionalCoop"], addressedTo: ["ohchr", "regionalCoop"] },
  reqPublicSEN: { kind: "request", state: "SEN", marker: "MXREQPublicSENx", seenBy: ALL, addressedTo: ["ohchr"] },
  reqDraftMLI: { kind: "request", state: "MLI", marker: "MXREQDraftMLIx", seenBy: MLI, draft: true, addressedTo: ["ohchr"] },
  reqSharedMLI: { kind: "request", state: "MLI", marker: "MXREQSharedMLIx", seenBy: [...MLI, ...UN], addressedTo: ["ohchr"] },
  reqPublicMLI: { kind: "request", state: "MLI", marker: "MXREQPublicMLIx", seenBy: ALL, addressedTo: ["ohchr"] },

  offDraftSEN: { kind: "offer", state: "SEN", marker: "MXOFFDraftSENx", seenBy: ["ohchr"], draft: true, owner: "ohchr" },
  offPublicSEN: { kind: "offer", state: "SEN", marker: "MXOFFPublicSENx", seenBy: ALL, owner: "unesco" },
  offAnswerSEN: { kind: "offer", state: "SEN", marker: "MXOFFAnswerSENx", seenBy: [...SEN, ...UN], owner: "ohchr" },
  offDraftMLI: { kind: "offer", state: "MLI", marker: "MXOFFDraftMLIx", seenBy: ["ohchr"], draft: true, owner: "ohchr" },
  offPublicMLI: { kind: "offer", state: "MLI", marker: "MXOFFPublicMLIx", seenBy: ALL, owner: "unesco" },
  offAnswerMLI: { kind: "offer", state: "MLI", marker: "MXOFFAnswerMLIx", seenBy: [...MLI, ...UN], owner: "ohchr" },

  pairSEN: { kind: "pairing", state: "SEN", marker: "MXPAIRSENx", seenBy: [...SEN, ...UN] },
  pairMLI: { kind: "pairing", state: "MLI", marker: "MXPAIRMLIx", seenBy: [...MLI, ...UN] },

  actPublicSEN: { kind: "activity", state: "SEN", marker: "MXACTPublicSENx", seenBy: ALL },
  // The donor funds the first withheld activity: a participating organization, hence in its circle.
  actWithheldSEN1: { kind: "activity", state: "SEN", marker: "MXACTWithheldSEN1x", seenBy: [...SEN, ...UN, "donor"], withheld: true },
  actWithheldSEN2: { kind: "activity", state: "SEN", marker: "MXACTWithheldSEN2x", seenBy: [...SEN, ...UN], withheld: true },
  actWithheldSEN3: { kind: "activity", state: "SEN", marker: "MXACTWithheldSEN3x", seenBy: [...SEN, ...UN], withheld: true },
  actUnOnlySEN: { kind: "activity", state: "SEN", marker: "MXACTUnOnlySENx", seenBy: [...SEN, ...UN] },
  actPublicMLI: { kind: "activity", state: "MLI", marker: "MXACTPublicMLIx", seenBy: ALL },
  actWithheldMLI1: { kind: "activity", state: "MLI", marker: "MXACTWithheldMLI1x", seenBy: [...MLI, ...UN], withheld: true },
  actWithheldMLI2: { kind: "activity", state: "MLI", marker: "MXACTWithheldMLI2x", seenBy: [...MLI, ...UN], withheld: true },
  actUnOnlyMLI: { kind: "activity", state: "MLI", marker: "MXACTUnOnlyMLIx", seenBy: [...MLI, ...UN] },

  profPublicSEN: { kind: "profile", state: "SEN", marker: "MXPROFPublicSENx", seenBy: ALL },
  profStateUnSEN: { kind: "profile", state: "SEN", marker: "MXPROFStateUnSENx", seenBy: [...SEN, ...UN] },
  profUnOnlySEN: { kind: "profile", state: "SEN", marker: "MXPROFUnOnlySENx", seenBy: [...SEN, ...UN] },
  profOriginatorSEN: { kind: "profile", state: "SEN", marker: "MXPROFOriginatorSENx", seenBy: SEN },
  profPublicMLI: { kind: "profile", state: "MLI", marker: "MXPROFPublicMLIx", seenBy: ALL },
  profStateUnMLI: { kind: "profile", state: "MLI", marker: "MXPROFStateUnMLIx", seenBy: [...MLI, ...UN] },
  profUnOnlyMLI: { kind: "profile", state: "MLI", marker: "MXPROFUnOnlyMLIx", seenBy: [...MLI, ...UN] },
  profOriginatorMLI: { kind: "profile", state: "MLI", marker: "MXPROFOriginatorMLIx", seenBy: MLI },
  contactPublicSEN: { kind: "contact", state: "SEN", marker: "MXCONTACTPublicSENx", seenBy: ALL },
  contactStateUnSEN: { kind: "contact", state: "SEN", marker: "MXCONTACTStateUnSENx", seenBy: [...SEN, ...UN] },

  // Shared with the State and UN providers; the CSO's own organization sees what it wrote.
  assessCsoSEN: { kind: "assessment", state: "SEN", marker: "MXASSESSCsoSENx", seenBy: [...SEN, ...UN, "csoAuthor"] },
  assessNhriSEN: { kind: "assessment", state: "SEN", marker: "MXASSESSNhriSENx", seenBy: ALL },
} satisfies Record<string, Rec>;
type RecKey = keyof typeof RECORDS;
const REC_KEYS = Object.keys(RECORDS) as RecKey[];
const rec = (k: RecKey): Rec => RECORDS[k];
const sees = (role: RoleKey, k: RecKey) => rec(k).seenBy.includes(role);

/**
 * Protected details inside records the viewer may otherwise see, and where they must show when allowed. `notIn`: pages
 * where the string legitimately appears for another reason (an organization's name in the public directory of a
 * country's organizations says nothing about what it wrote).
 */
type Secret = { seenBy: readonly RoleKey[]; shownAt: string[]; notIn?: string[] };
const circle = (state: "SEN" | "MLI", ...more: RoleKey[]) => [...(state === "SEN" ? SEN : MLI), ...UN, ...more];
const SECRETS: Record<string, Secret> = {
  // National actors (R8): named with consent to whoever sees the record; unconsented, to the State and the owner only.
  MXACTORREQYESSENx: { seenBy: ALL, shownAt: ["GET /api/v1/requests/:id#reqPublicSEN", "GET /requests/:id#reqPublicSEN"] },
  MXACTORREQNOSENx: { seenBy: SEN, shownAt: ["GET /api/v1/requests/:id#reqPublicSEN", "GET /requests/:id#reqPublicSEN"] },
  MXACTORREQYESMLIx: { seenBy: ALL, shownAt: ["GET /api/v1/requests/:id#reqPublicMLI"] },
  MXACTORREQNOMLIx: { seenBy: MLI, shownAt: ["GET /api/v1/requests/:id#reqPublicMLI"] },
  MXACTORACTYESSENx: { seenBy: ALL, shownAt: ["GET /api/v1/activities/:id#actPublicSEN", "GET /activities/:id#actPublicSEN"] },
  MXACTORACTNOSENx: { seenBy: [...SEN, "ohchr"], shownAt: ["GET /api/v1/activities/:id#actPublicSEN", "GET /activities/:id#actPublicSEN"] },
  MXACTORACTYESMLIx: { seenBy: ALL, shownAt: ["GET /api/v1/activities/:id#actPublicMLI"] },
  MXACTORACTNOMLIx: { seenBy: [...MLI, "ohchr"], shownAt: ["GET /api/v1/activities/:id#actPublicMLI"] },
  // Consent records: who signed, the note verbale's reference, the revocation reason — the activity's circle only.
  MXNVPublicSENx: { seenBy: circle("SEN"), shownAt: ["GET /api/v1/activities/:id/consents#actPublicSEN", "GET /activities/:id/consent#actPublicSEN"] },
  MXSIGNERPublicSENx: { seenBy: circle("SEN"), shownAt: ["GET /api/v1/activities/:id/consents#actPublicSEN"] },
  MXNVPublicAgainSENx: { seenBy: circle("SEN"), shownAt: ["GET /api/v1/activities/:id#actPublicSEN", "GET /api/v1/states/SEN/digest"] },
  MXSIGNERPublicAgainSENx: { seenBy: circle("SEN"), shownAt: ["GET /countries/SEN/digest.csv"] },
  MXREVOKESENx: { seenBy: circle("SEN"), shownAt: ["GET /api/v1/activities/:id/consents#actPublicSEN", "GET /api/v1/states/SEN/digest"] },
  MXNVWithheldSEN1x: { seenBy: circle("SEN", "donor"), shownAt: ["GET /api/v1/activities/:id/consents#actWithheldSEN1"] },
  MXSIGNERWithheldSEN1x: { seenBy: circle("SEN", "donor"), shownAt: ["GET /activities/:id/consent#actWithheldSEN1"] },
  MXNVWithheldSEN2x: { seenBy: circle("SEN"), shownAt: ["GET /api/v1/activities/:id/consents#actWithheldSEN2"] },
  MXNVPublicMLIx: { seenBy: circle("MLI"), shownAt: ["GET /api/v1/activities/:id/consents#actPublicMLI"] },
  MXNVPublicAgainMLIx: { seenBy: circle("MLI"), shownAt: ["GET /countries/MLI/digest.html"] },
  MXREVOKEMLIx: { seenBy: circle("MLI"), shownAt: ["GET /activities/:id/consent#actPublicMLI"] },
  MXNVWithheldMLI1x: { seenBy: circle("MLI"), shownAt: ["GET /api/v1/activities/:id/consents#actWithheldMLI1"] },
  MXNVWithheldMLI2x: { seenBy: circle("MLI"), shownAt: ["GET /api/v1/activities/:id#actWithheldMLI2"] },
  // The State's recorded reason for withholding: the circle only.
  MXREASONSEN1x: { seenBy: circle("SEN", "donor"), shownAt: ["GET /api/v1/activities/:id#actWithheldSEN1", "GET /activities/:id#actWithheldSEN1"] },
  MXREASONSEN3x: { seenBy: circle("SEN"), shownAt: ["GET /api/v1/activities/:id#actWithheldSEN3"] },
  MXREASONMLI1x: { seenBy: circle("MLI"), shownAt: ["GET /api/v1/activities/:id#actWithheldMLI1"] },
  // Authors of civil-society and NHRI assessments who chose not to be shown; an organization that asked not to be listed.
  [ORG_NAMES.csoAuthor]: { seenBy: [...UN, "csoAuthor"], shownAt: ["GET /recommendations/:id"], notIn: ["GET /countries/SEN"] },
  [ORG_NAMES.nhriSen]: { seenBy: [...UN, "nhriSen"], shownAt: ["GET /recommendations/:id"], notIn: ["GET /countries/SEN"] },
  [ORG_NAMES.unlisted]: {
    seenBy: UN,
    shownAt: ["GET /api/v1/activities/:id#actPublicSEN", "GET /api/v1/states/SEN/coordination", "GET /countries/SEN/coordination"],
  },
};

/** Withheld activities of the States a viewer does not see, as the small-cell rule lets them be counted: from 3 up. */
function withheldCount(role: RoleKey, states: readonly ("SEN" | "MLI")[]): number | null {
  const n = REC_KEYS.filter((k) => rec(k).withheld && states.includes(rec(k).state) && !sees(role, k)).length;
  return n >= 3 ? n : null;
}

// ---- the endpoints ----

type Status = number | readonly number[];
type Endpoint = {
  /** Route pattern, plus "#record" for a detail endpoint: the key SECRETS' shownAt refers to. */
  key: string;
  url: string;
  format: "json" | "html" | "csv";
  status: Status;
  /** The record this endpoint is the detail of: its id may be echoed in the 404 message. */
  record?: RecKey;
  /** Detail endpoints: the route pattern; a record the viewer may not see must get the answer a missing one gets. */
  pattern?: string;
  hidden?: boolean;
  /** Whether a record the viewer sees must appear here; "id" when it is listed by id rather than by its marker. */
  lists?: (k: RecKey) => boolean | "id";
  /** Extra checks on the parsed body. */
  check?: (body: string) => string[];
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const period = () => `from=${iso(new Date(Date.now() - 30 * 86_400_000))}&to=${iso(new Date())}`;
const ok = (visible: boolean) => (visible ? 200 : 404);
/**
 * Edit forms: a record the viewer may not see is not found; a viewer whose role can edit nothing of the kind is refused
 * (403) or sent to sign in before any lookup, whatever the id — the same answer as for an id that does not exist.
 */
const editStatus = (visible: boolean): Status => (visible ? [200, 303, 401, 403, 422] : [303, 401, 403, 404]);
/** An id no record has: what a viewer gets for a record that does not exist. */
const GHOST = "00000000-0000-4000-8000-000000000000";

function endpointsFor(role: RoleKey): Endpoint[] {
  const id = (k: RecKey) => world.ids[k] as string;
  const of = (kind: Kind, state?: "SEN" | "MLI") => (k: RecKey) => rec(k).kind === kind && (!state || rec(k).state === state);
  const eps: Endpoint[] = [];
  const api = (key: string, url: string, e: Partial<Endpoint> = {}) =>
    eps.push({ key: `GET /api/v1${key}`, url: `/api/v1${url}`, format: "json", status: 200, ...e });
  const page = (key: string, url: string, e: Partial<Endpoint> = {}) =>
    eps.push({ key: `GET ${key}`, url: `${url}${url.includes("?") ? "&" : "?"}lang=en`, format: "html", status: 200, ...e });
  const counted = (field: string, states: readonly ("SEN" | "MLI")[]) => (body: string) => {
    const got = (JSON.parse(body) as Record<string, unknown>)[field];
    const want = withheldCount(role, states);
    return got === want ? [] : [`${field} is ${String(got)}, expected ${String(want)}`];
  };
  const countLine = (pattern: RegExp, states: readonly ("SEN" | "MLI")[]) => (body: string) => {
    const m = pattern.exec(body);
    const got = m ? Number(m[1]) : null;
    const want = withheldCount(role, states);
    return got === want ? [] : [`withheld count line says ${String(got)}, expected ${String(want)}`];
  };
  const activityLine = /(\d+) further activit(?:y|ies) whose details the State withheld/;
  const coordinationLine = /(\d+) further activit(?:y|ies) \(details withheld\)/;

  // Lists, search, aggregates and exports.
  api("/requests", "/requests?limit=500", { lists: of("request") });
  api("/requests/queue", "/requests/queue?closed=true&limit=500", {
    lists: (k) => rec(k).kind === "request" && !rec(k).draft && (rec(k).addressedTo ?? []).includes(role),
  });
  api("/requests?state=MLI", "/requests?state=MLI&limit=500", { lists: of("request", "MLI") });
  // Filters over hidden records find nothing more than the plain lists.
  api("/requests?status=draft", "/requests?status=draft&limit=500", { lists: (k) => rec(k).kind === "request" && rec(k).draft === true });
  api("/requests?provider=regional", `/requests?provider=${world.orgs.regionalCoop}&limit=500`, {
    lists: (k) => rec(k).kind === "request" && (rec(k).addressedTo ?? []).includes("regionalCoop"),
  });
  api("/offers?requestId=shared", `/offers?requestId=${id("reqSharedSEN")}&limit=500`, { lists: (k) => k === "offAnswerSEN" });
  api("/pairings?requestId=shared", `/pairings?requestId=${id("reqSharedSEN")}`, { lists: (k) => k === "pairSEN" && "id" });
  api("/activities?provider=unesco", `/activities?provider=${world.orgs.unesco}&limit=200`, { lists: (k) => k.startsWith("actWithheld") });
  api("/recommendations?state=SEN", "/recommendations?state=SEN&limit=100");
  api("/recommendations.csv?state=SEN", "/recommendations.csv?state=SEN", { format: "csv" });
  api("/providers/response-times", "/providers/response-times", { check: responseTimesCheck(role) });
  api("/offers", "/offers?limit=500", { lists: (k) => rec(k).kind === "offer" && !rec(k).draft });
  api("/offers?mine=true", "/offers?mine=true&limit=500", { lists: (k) => rec(k).kind === "offer" && rec(k).owner === role });
  api("/offers?status=draft", "/offers?status=draft&limit=500");
  api("/providers", "/providers?limit=500");
  api("/providers/:id/profile", `/providers/${world.orgs.ohchr}/profile`);
  api("/pairings", "/pairings?limit=500", { lists: (k) => rec(k).kind === "pairing" && "id" });
  api("/activities", "/activities?limit=200", { lists: of("activity"), check: counted("furtherWithheld", ["SEN", "MLI"]) });
  for (const state of ["SEN", "MLI"] as const) {
    api(`/activities?state=${state}`, `/activities?state=${state}&limit=200`, { lists: of("activity", state), check: counted("furtherWithheld", [state]) });
    api(`/states/${state}/profile`, `/states/${state}/profile`, {
      lists: (k) => (rec(k).kind === "profile" || rec(k).kind === "contact") && rec(k).state === state,
    });
    api(`/states/${state}/coordination`, `/states/${state}/coordination`, { lists: of("activity", state), check: counted("withheldActivities", [state]) });
    api(`/states/${state}/digest`, `/states/${state}/digest?${period()}`, {
      lists: (k) => rec(k).state === state && !rec(k).draft && (rec(k).kind === "request" || rec(k).kind === "offer" || rec(k).kind === "activity"),
      check: counted("withheldActivities", [state]),
    });
  }
  api("/recommendations/:id", `/recommendations/${encodeURIComponent(world.recommendationId)}`);

  page("/", "/");
  page("/requests", "/requests", { lists: of("request") });
  page("/providers/response-times", "/providers/response-times");
  page("/offers", "/offers", { lists: (k) => rec(k).kind === "offer" && !rec(k).draft });
  page("/providers", "/providers");
  page("/pairings", "/pairings", { status: role === "anonymous" ? 303 : 200, lists: (k) => rec(k).kind === "pairing" && "id" });
  page("/activities", "/activities", { lists: of("activity"), check: countLine(activityLine, ["SEN", "MLI"]) });
  for (const state of ["SEN", "MLI"] as const) {
    page(`/activities?state=${state}`, `/activities?state=${state}`, { lists: of("activity", state), check: countLine(activityLine, [state]) });
    page(`/countries/${state}`, `/countries/${state}`);
    page(`/countries/${state}/recommendations`, `/countries/${state}/recommendations`);
    page(`/countries/${state}/profile`, `/countries/${state}/profile`, {
      lists: (k) => (rec(k).kind === "profile" || rec(k).kind === "contact") && rec(k).state === state,
    });
    page(`/countries/${state}/coordination`, `/countries/${state}/coordination`, { lists: of("activity", state), check: countLine(coordinationLine, [state]) });
    const digestLists = (k: RecKey) =>
      rec(k).state === state && !rec(k).draft && (rec(k).kind === "request" || rec(k).kind === "offer" || rec(k).kind === "activity");
    page(`/countries/${state}/digest`, `/countries/${state}/digest?${period()}`, { lists: digestLists, check: countLine(coordinationLine, [state]) });
    page(`/countries/${state}/digest.html`, `/countries/${state}/digest.html?${period()}`, { lists: digestLists, check: countLine(coordinationLine, [state]) });
    page(`/countries/${state}/digest.csv`, `/countries/${state}/digest.csv?${period()}`, {
      format: "csv",
      lists: digestLists,
      check: countLine(coordinationLine, [state]),
    });
  }
  page("/recommendations/:id", `/recommendations/${encodeURIComponent(world.recommendationId)}`, {
    lists: (k) => rec(k).state === "SEN" && !rec(k).draft && (rec(k).kind === "assessment" || rec(k).kind === "request" || rec(k).kind === "activity"),
  });

  // Details of every record, visible or not, and of a record that does not exist.
  const self = (k: RecKey) => (x: RecKey) => x === k;
  const ghosts = new Set<string>();
  for (const k of REC_KEYS) {
    const r = rec(k);
    const visible = sees(role, k);
    const detail = (kind: "api" | "page", pattern: string, url: string, status: Status, lists: Endpoint["lists"] = undefined) => {
      const add = kind === "api" ? api : page;
      const key = `${kind}:${pattern}`;
      if (!ghosts.has(key)) {
        ghosts.add(key);
        const ghostStatus: Status = pattern.endsWith("/edit") ? editStatus(false) : role === "anonymous" && pattern === "/pairings/:id" ? [303, 404] : 404;
        add(`${pattern}#ghost`, url.replace(world.ids[k] as string, GHOST), { status: ghostStatus, pattern: key });
      }
      add(`${pattern}#${k}`, url, { status, record: k, pattern: key, hidden: !visible, ...(lists ? { lists } : {}) });
    };
    if (r.kind === "request") {
      detail("api", "/requests/:id", `/requests/${id(k)}`, ok(visible), self(k));
      detail("api", "/requests/:id/matches", `/requests/${id(k)}/matches`, ok(visible), self(k));
      detail("page", "/requests/:id", `/requests/${id(k)}`, ok(visible), self(k));
      detail("page", "/matching/requests/:id", `/matching/requests/${id(k)}`, ok(visible), self(k));
      detail("page", "/requests/:id/edit", `/requests/${id(k)}/edit`, editStatus(visible));
    }
    if (r.kind === "offer") {
      // Requests are ranked for an offer for its own provider only: others who may see the offer are refused (403).
      const matches = !visible ? 404 : r.owner === role ? 200 : 403;
      detail("api", "/offers/:id", `/offers/${id(k)}`, ok(visible), self(k));
      detail("api", "/offers/:id/matches", `/offers/${id(k)}/matches`, matches);
      detail("page", "/offers/:id", `/offers/${id(k)}`, ok(visible), self(k));
      detail("page", "/matching/offers/:id", `/matching/offers/${id(k)}`, matches);
      detail("page", "/offers/:id/edit", `/offers/${id(k)}/edit`, editStatus(visible));
    }
    if (r.kind === "pairing") {
      detail("api", "/pairings/:id", `/pairings/${id(k)}`, ok(visible), self(k));
      detail("page", "/pairings/:id", `/pairings/${id(k)}`, role === "anonymous" ? [303, 404] : ok(visible), role === "anonymous" ? undefined : self(k));
    }
    if (r.kind === "profile" || r.kind === "contact") {
      const path = `/countries/${r.state}/profile/${r.kind === "profile" ? "entries" : "contacts"}`;
      detail("page", `${path}/:id/edit`, `${path}/${id(k)}/edit`, editStatus(visible));
    }
    if (r.kind === "activity") {
      detail("api", "/activities/:id", `/activities/${id(k)}`, ok(visible), self(k));
      detail("api", "/activities/:id/consents", `/activities/${id(k)}/consents`, ok(visible));
      detail("page", "/activities/:id", `/activities/${id(k)}`, ok(visible), self(k));
      detail("page", "/activities/:id/consent", `/activities/${id(k)}/consent`, ok(visible), self(k));
      detail("page", "/activities/:id/edit", `/activities/${id(k)}/edit`, editStatus(visible));
    }
  }
  return eps;
}

/** Response times count the submitted requests addressed to each provider that the viewer may see (drafts never). */
function responseTimesCheck(role: RoleKey) {
  return (body: string): string[] => {
    const figures = JSON.parse(body) as { organizationId: string; addressed: number }[];
    const problems: string[] = [];
    for (const provider of ["ohchr", "regionalCoop"] as const) {
      const want = REC_KEYS.filter((k) => rec(k).kind === "request" && !rec(k).draft && rec(k).addressedTo?.includes(provider) && sees(role, k)).length;
      const got = figures.find((f) => f.organizationId === world.orgs[provider])?.addressed ?? 0;
      if (got !== want) problems.push(`response times: ${provider} addressed ${got}, expected ${want}`);
    }
    return problems;
  };
}

// ---- the matrix ----

const matches = (status: Status, got: number) => (typeof status === "number" ? status === got : status.includes(got));

async function probe(role: RoleKey, e: Endpoint, ghostStatus: Map<string, number>): Promise<string[]> {
  const token = world.tokens[role];
  const res = await server.app.inject({ method: "GET", url: e.url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const where = `${e.key} (${res.statusCode})`;
  const problems: string[] = [];
  if (res.statusCode >= 500) return [`${where}: server error ${res.body.slice(0, 300)}`];
  if (!matches(e.status, res.statusCode)) problems.push(`${where}: status ${res.statusCode}, expected ${JSON.stringify(e.status)}`);
  if (e.pattern && !e.record) ghostStatus.set(e.pattern, res.statusCode);
  if (e.pattern && e.hidden && ghostStatus.get(e.pattern) !== res.statusCode)
    problems.push(`${where}: answers ${res.statusCode} where a missing record gets ${ghostStatus.get(e.pattern)}: reveals that it exists`);
  const body = res.body;
  if (res.statusCode === 200) {
    const type = String(res.headers["content-type"] ?? "");
    const wanted = { json: "application/json", html: "text/html", csv: "text/csv" }[e.format];
    if (!type.startsWith(wanted)) problems.push(`${where}: content type ${type}, expected ${wanted}`);
  }
  for (const k of REC_KEYS) {
    const r = rec(k);
    if (!sees(role, k)) {
      if (body.includes(r.marker)) problems.push(`${where}: LEAK of ${k} (${r.marker})`);
      if (e.record !== k && body.includes(world.ids[k] as string)) problems.push(`${where}: LEAK of the id of ${k}`);
    } else if (res.statusCode === 200 && e.lists) {
      const listed = e.lists(k);
      if (listed === "id" && !body.includes(world.ids[k] as string)) problems.push(`${where}: ${k} missing (id)`);
      if (listed === true && !body.includes(r.marker)) problems.push(`${where}: ${k} missing (${r.marker})`);
    }
  }
  for (const [marker, s] of Object.entries(SECRETS)) {
    const allowed = s.seenBy.includes(role);
    if (!allowed && !s.notIn?.includes(e.key) && body.includes(marker)) problems.push(`${where}: LEAK of protected detail ${marker}`);
    if (allowed && res.statusCode === 200 && s.shownAt.includes(e.key) && !body.includes(marker)) problems.push(`${where}: ${marker} missing`);
  }
  if (res.statusCode === 200 && e.check) problems.push(...e.check(body).map((p) => `${where}: ${p}`));
  return problems;
}

describe("cooperation access matrix: every role × record × endpoint", () => {
  it("the tables cover every role, and every record was made", () => {
    for (const k of REC_KEYS) expect(world.ids[k], k).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(Object.values(RECORDS).map((r) => r.marker)).size).toBe(REC_KEYS.length);
    expect(Object.keys(world.tokens).sort()).toEqual(ROLE_KEYS.filter((r) => r !== "anonymous").sort());
  });

  it.each(ROLE_KEYS)(
    "%s sees exactly what the rules allow, everywhere",
    async (role) => {
      const problems: string[] = [];
      const ghostStatus = new Map<string, number>();
      for (const e of endpointsFor(role)) problems.push(...(await probe(role, e, ghostStatus)));
      expect(problems).toEqual([]);
    },
    60_000,
  );
});
