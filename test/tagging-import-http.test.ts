import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

// The thematic list upload (/tagging/import, issue 7 journey 8): an OHCHR officer uploads the real OHCHR documents
// of Slovenia's reviews; the file is imported all or nothing, the model's suggestions are stored and the officer
// lands on the review queue filtered on that import. A broken file answers 400 with line-numbered problems and
// writes nothing; the form is CSRF-protected like every other.

const DIR = path.resolve(import.meta.dirname, "../resources/uhri-slovenia");
const DOCX = "UPR34_Slovenia_Thematic_list_of_Recommendations.docx";
const CSV = "slovenia_upr_thematic_recommendations_c2-c3.csv";
const OFFICER = "officer.ohchr@demo.passerelle.example";
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

let server: TestServer;
beforeAll(async () => {
  // No recommendations preloaded: the upload creates them.
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

async function signIn(email: string): Promise<Record<string, string>> {
  const page = await get("/login");
  const res = await postForm(server, "/login", { _csrf: csrfTokenOf(page.body), email, password: DEMO_PASSWORD }, cookieJar(page));
  expect(res.statusCode).toBe(303);
  return { ...cookieJar(page), ...cookieJar(res) };
}

async function openImport(email = OFFICER) {
  const cookies = await signIn(email);
  const page = await get("/tagging/import", cookies);
  expect(page.statusCode).toBe(200);
  return { cookies: { ...cookies, ...cookieJar(page) }, csrf: csrfTokenOf(page.body), html: page.body };
}

/** A multipart/form-data body as a browser sends the upload form. */
function upload(cookies: Record<string, string>, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = "----passerelle-test-boundary";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return server.app.inject({
    method: "POST",
    url: "/tagging/import",
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    cookies,
  });
}

const real = (name: string, type: string) => ({ name, type, data: fs.readFileSync(path.join(DIR, name)) });

async function counts() {
  const db = server.handle.db;
  const one = async (table: "recommendations" | "tag_suggestions") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { recommendations: await one("recommendations"), suggestions: await one("tag_suggestions") };
}

describe("who may upload", () => {
  it("sends anonymous visitors to sign in and refuses other roles", async () => {
    const anonymous = await get("/tagging/import");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent("/tagging/import")}`);
    const cso = await signIn("cso.senegal@demo.passerelle.example");
    expect((await get("/tagging/import", cso)).statusCode).toBe(403);
    const page = await get("/login");
    const posted = await upload({ ...cso, ...cookieJar(page) }, { _csrf: csrfTokenOf(page.body) }, real(DOCX, DOCX_TYPE));
    expect(posted.statusCode).toBe(403);
    expect(await counts()).toEqual({ recommendations: 0, suggestions: 0 });
  });

  it("refuses an upload without the CSRF token, and writes nothing", async () => {
    const { cookies, html } = await openImport();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
    const res = await upload(cookies, {}, real(DOCX, DOCX_TYPE));
    expect(res.statusCode).toBe(403);
    expect(text(res.body)).toMatch(/security token|expired/i);
    const forged = await upload(cookies, { _csrf: "forged" }, real(DOCX, DOCX_TYPE));
    expect(forged.statusCode).toBe(403);
    expect(await counts()).toEqual({ recommendations: 0, suggestions: 0 });
  });
});

describe("a broken file", () => {
  it("answers 400 with every problem and its line, and writes nothing", async () => {
    const { cookies, csrf } = await openImport();
    const lines = fs.readFileSync(path.join(DIR, CSV), "utf8").split("\n");
    // Line 3 names a State that does not exist; line 5 loses its recommendation text.
    lines[2] = (lines[2] as string).replace(",Slovenia,", ",Atlantis,");
    lines[4] = (lines[4] as string).replace(/^(\d+,\d+,Slovenia,[^,]*,[^,]*,)("[^"]*"|[^,]*)/, "$1");
    const res = await upload(cookies, { _csrf: csrf }, { name: "broken.csv", type: "text/csv", data: Buffer.from(lines.join("\n")) });
    expect(res.statusCode).toBe(400);
    const body = text(res.body);
    expect(body).toContain("2 problems in broken.csv: nothing was imported.");
    expect(res.body).toContain("<caption");
    expect(res.body).toMatch(/<td class="num">3<\/td><td><code>[a-z_]+<\/code><\/td><td>[^<]*Atlantis/);
    expect(res.body).toMatch(/<td class="num">5<\/td><td><code>recommendation<\/code><\/td><td>is empty<\/td>/);
    expect(await counts()).toEqual({ recommendations: 0, suggestions: 0 });
  });

  it("names what is wrong with a file of another kind, a missing file and a file over 10 MB", async () => {
    const { cookies, csrf } = await openImport();
    const pdf = await upload(cookies, { _csrf: csrf }, { name: "list.pdf", type: "application/pdf", data: Buffer.from("%PDF-1.7\n…") });
    expect(pdf.statusCode).toBe(400);
    expect(text(pdf.body)).toContain("this is a PDF");
    const none = await upload(cookies, { _csrf: csrf });
    expect(none.statusCode).toBe(400);
    expect(text(none.body)).toContain("Choose a file to upload.");
    const huge = await upload(cookies, { _csrf: csrf }, { name: "huge.csv", type: "text/csv", data: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) });
    expect(huge.statusCode).toBe(413);
    expect(text(huge.body)).toContain("The file is larger than 10 MB.");
    expect(await counts()).toEqual({ recommendations: 0, suggestions: 0 });
  });
});

describe("the real Slovenia lists", () => {
  it("imports the cycle 3 Word document, stores suggestions and opens the queue filtered on it", async () => {
    const { cookies, csrf } = await openImport();
    const res = await upload(cookies, { _csrf: csrf }, real(DOCX, DOCX_TYPE));
    expect(res.statusCode).toBe(303);
    const location = new URL(String(res.headers.location), "http://localhost");
    expect(location.pathname).toBe("/tagging/review");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ state: "SVN", session: "34", source: "uhri", file: DOCX, updated: "0", unchanged: "0" });
    const after = await counts();
    expect(after.recommendations).toBe(Number(location.searchParams.get("imported")));
    expect(after.recommendations).toBeGreaterThan(100);
    expect(after.suggestions).toBe(Number(location.searchParams.get("suggestions")));
    expect(after.suggestions).toBeGreaterThan(after.recommendations);

    const queue = await get(`${location.pathname}${location.search}`, cookies);
    expect(queue.statusCode).toBe(200);
    expect(text(queue.body)).toContain(`${DOCX} imported: ${after.recommendations} new, 0 updated, 0 unchanged recommendations.`);
    expect(queue.body).toMatch(/Confidence: \d{1,3}%/);
    expect(queue.body).toContain('href="/recommendations/uhri%3ASlovenia%3A34%3A');
  });

  it("imports the CSV of cycles 2 and 3: the rows of the document already there are unchanged", async () => {
    const before = await counts();
    const { cookies, csrf } = await openImport();
    const res = await upload(cookies, { _csrf: csrf }, real(CSV, "text/csv"));
    expect(res.statusCode).toBe(303);
    const q = new URL(String(res.headers.location), "http://localhost").searchParams;
    // Two reviews in one file: the queue is narrowed to the State, not to one session.
    expect([q.get("state"), q.get("session"), q.get("source")]).toEqual(["SVN", null, "uhri"]);
    const n = (k: string) => Number(q.get(k));
    expect(n("imported") + n("updated") + n("unchanged")).toBe(378);
    expect(n("unchanged") + n("updated")).toBe(before.recommendations);
    expect((await counts()).recommendations).toBe(before.recommendations + n("imported"));
  });
});
