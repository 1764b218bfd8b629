import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../src/domain/core/app-error.js";
import { importClosureFile } from "../src/domain/education/closure-import-service.js";
import { STATUS_CODES } from "../src/domain/education/closure-schemas.js";
import { type DbHandle, openDatabase } from "../src/store/db.js";
import { migrate } from "../src/store/migrate.js";
import { closureFixture, type RealClosureReleases, loadRealClosures, realClosureFile } from "./closure-fixtures.js";
import { createTestDb, testEngine } from "./db-harness.js";

// `passerelle import closures` on the three real files (resources/) and on crafted fixtures: what is stored, what is
// refused, and that a refused file writes nothing.

const ACTOR = { userId: null, label: "test" };

async function count(handle: DbHandle, table: string, releaseId?: number): Promise<number> {
  const where = releaseId === undefined ? sql`` : sql` WHERE release_id = ${releaseId}`;
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}${where}`.execute(handle.db);
  return r.rows[0]?.n ?? 0;
}

describe("the three real files", () => {
  let handle: DbHandle;
  let releases: RealClosureReleases;
  beforeAll(async () => {
    handle = await createTestDb({ closures: true });
    // Already in the template: importing again finds the releases by their bytes.
    releases = await loadRealClosures(handle.db);
  });
  afterAll(() => handle.close());

  it("were imported once: loading them again reports the existing releases", () => {
    expect(releases.unescoStatus).toMatchObject({ status: "already_imported", format: "unesco_status", rowsRead: 76_860, rowsStored: 76_860, rowsSkipped: 0 });
    expect(releases.unescoStatus).toMatchObject({ coverageFrom: "2020-02-16", coverageTo: "2021-02-15" });
    expect(releases.unescoScale).toMatchObject({ format: "unesco_scale", rowsRead: 25_546, rowsStored: 25_545, rowsSkipped: 1 });
    expect(releases.unescoScale).toMatchObject({ coverageFrom: "2020-02-16", coverageTo: "2020-07-15" });
    // Kosovo and Taiwan (867 rows each) are not in the M49 list; 3,219 blank C1 rows (no data) of the other
    // countries (3,223 in the whole file, 4 of them Kosovo's or Taiwan's).
    expect(releases.oxcgrt).toMatchObject({ format: "oxcgrt_c1", rowsRead: 162_129, rowsStored: 157_176, rowsSkipped: 3_219 + 2 * 867 });
    expect(releases.oxcgrt).toMatchObject({ coverageFrom: "2020-01-01", coverageTo: "2022-05-16" });
  });

  it("stores one row per country-day with its status code, flag and source line", async () => {
    const { unescoStatus, oxcgrt } = releases;
    expect(await count(handle, "closure_observations", unescoStatus.releaseId)).toBe(76_860);
    expect(await count(handle, "closure_observations", oxcgrt.releaseId)).toBe(157_176);
    const statuses = await sql<{ status: number; n: number }>`
      SELECT status, count(*)::int AS n FROM closure_observations WHERE release_id = ${unescoStatus.releaseId} GROUP BY status ORDER BY status`.execute(
      handle.db,
    );
    const codes = STATUS_CODES.unesco_status;
    expect(statuses.rows).toEqual([
      { status: codes["Fully open"], n: 26_451 },
      { status: codes["Partially open"], n: 12_552 },
      { status: codes["Closed due to COVID-19"], n: 21_528 },
      { status: codes["Academic break"], n: 16_329 },
    ]);
    const flags = await sql<{ status: number; c1_flag: number | null; n: number }>`
      SELECT status, c1_flag, count(*)::int AS n FROM closure_observations WHERE release_id = ${oxcgrt.releaseId}
      GROUP BY status, c1_flag ORDER BY status, c1_flag`.execute(handle.db);
    // Counts of the research on the whole file, less Kosovo's and Taiwan's rows.
    const total = flags.rows.reduce((s, r) => s + r.n, 0);
    expect(total).toBe(157_176);
    expect(flags.rows.filter((r) => r.status === 0).every((r) => r.c1_flag === null)).toBe(true);
    const line742 = await handle.db
      .selectFrom("closure_observations")
      .select(["iso3", "day", "source_line"])
      .where("release_id", "=", releases.unescoScale.releaseId)
      .where("iso3", "=", "UZB")
      .where("day", "=", "2020-03-16")
      .execute();
    expect(line742).toEqual([{ iso3: "UZB", day: "2020-03-16", source_line: 741 }]);
  });

  it("the statuses the import uses are those of closure_statuses", async () => {
    const rows = await handle.db.selectFrom("closure_statuses").select(["scale", "word", "code"]).execute();
    for (const r of rows) expect(STATUS_CODES[r.scale][r.word]).toBe(r.code);
    expect(rows).toHaveLength(Object.values(STATUS_CODES).reduce((s, c) => s + Object.keys(c).length, 0));
  });

  it("derives periods that cover exactly the stored days", async () => {
    for (const r of Object.values(releases)) {
      const covered = await sql<{ days: number }>`
        SELECT coalesce(sum(last_day - first_day + 1), 0)::int AS days FROM closure_periods WHERE release_id = ${r.releaseId}`.execute(handle.db);
      expect(covered.rows[0]?.days).toBe(r.rowsStored);
    }
    const fra = await handle.db
      .selectFrom("closure_periods")
      .select(["first_day", "last_day", "status"])
      .where("release_id", "=", releases.unescoStatus.releaseId)
      .where("iso3", "=", "FRA")
      .orderBy("first_day")
      .execute();
    expect(fra[0]).toMatchObject({ first_day: "2020-02-16" });
    expect(fra.at(-1)).toMatchObject({ last_day: "2021-02-15" });
    for (let i = 1; i < fra.length; i++) expect(fra[i]?.status === fra[i - 1]?.status && fra[i]?.first_day === fra[i - 1]?.last_day).toBe(false);
  });

  it("counts countries per day and status, national rows, with the M49 groups and designations", async () => {
    const perDay = await sql<{ day: string; countries: number }>`
      SELECT day, sum(countries)::int AS countries FROM closure_daily_counts WHERE release_id = ${releases.unescoStatus.releaseId}
      GROUP BY day ORDER BY day`.execute(handle.db);
    expect(perDay.rows).toHaveLength(366);
    expect(perDay.rows.every((r) => r.countries === 210)).toBe(true);
    const closedOn = await sql<{ n: number }>`
      SELECT sum(countries)::int AS n FROM closure_daily_counts WHERE release_id = ${releases.unescoStatus.releaseId}
      AND day = '2020-04-15' AND status = ${STATUS_CODES.unesco_status["Closed due to COVID-19"]}`.execute(handle.db);
    const direct = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM closure_observations WHERE release_id = ${releases.unescoStatus.releaseId}
      AND day = '2020-04-15' AND status = ${STATUS_CODES.unesco_status["Closed due to COVID-19"]}`.execute(handle.db);
    expect(closedOn.rows[0]?.n).toBe(direct.rows[0]?.n);
    const ldcRows = await sql<{ n: number }>`
      SELECT sum(countries)::int AS n FROM closure_daily_counts WHERE release_id = ${releases.unescoStatus.releaseId} AND day = '2020-04-15' AND ldc`.execute(
      handle.db,
    );
    expect(ldcRows.rows[0]?.n).toBeGreaterThan(40);
    expect(ldcRows.rows[0]?.n).toBeLessThan(50);
  });

  it("keeps the grouped warnings with the release", async () => {
    const release = await handle.db.selectFrom("closure_releases").selectAll().where("id", "=", releases.unescoScale.releaseId).executeTakeFirstOrThrow();
    expect(release).toMatchObject({ source: "unesco", scale: "unesco_scale", publisher: "UNESCO", rows_stored: 25_545 });
    const messages = release.report.map((w) => w.message);
    expect(messages).toContainEqual(expect.stringMatching(/UZB on 2020-03-16 is already given on line 741/));
    expect(messages).toContainEqual(expect.stringMatching(/"Venezuela" is the name of VEN, not of UZB/));
    expect(messages).toContainEqual(expect.stringMatching(/^VUT: 1 day\(s\) missing.*2020-03-31 \(between lines 3171 and 3570\)/));
    const oxcgrt = await handle.db
      .selectFrom("closure_releases")
      .select(["report", "licence"])
      .where("id", "=", releases.oxcgrt.releaseId)
      .executeTakeFirstOrThrow();
    expect(oxcgrt.licence).toBe("CC BY 4.0");
    expect(oxcgrt.report.filter((w) => w.field === "country_code").map((w) => w.message)).toEqual([
      "RKS is not a country code Passerelle knows (M49 list): 867 row(s), lines 121382–122248; skipped",
      "TWN is not a country code Passerelle knows (M49 list): 867 row(s), lines 149126–149992; skipped",
    ]);
    expect(oxcgrt.report).toContainEqual({
      line: 32948,
      field: "c1_school_closing",
      message: "COM: 867 row(s) with no C1 value (no data), lines 32948–33814; skipped",
    });
  });
});

describe("refusals on the real files", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  it("refuses the old UNESCO file by default for its duplicated country-day, citing both lines, and writes nothing", async () => {
    const error = await importClosureFile(handle.db, ACTOR, { path: realClosureFile("unescoScale") }).catch((e) => e);
    expect(isAppError(error) && error.code).toBe("invalid_input");
    expect(error.problems).toEqual([
      { line: 742, field: "Date", message: "UZB on 2020-03-16 is already given on line 741, with the same status: one value per country and day in a release" },
    ]);
    expect(error.message).toMatch(/nothing was written/);
    expect(await count(handle, "closure_releases")).toBe(0);
    expect(await count(handle, "closure_observations")).toBe(0);
  });

  it("refuses OxCGRT by default for Kosovo and Taiwan with one message per code", async () => {
    const error = await importClosureFile(handle.db, ACTOR, { path: realClosureFile("oxcgrt") }, { dryRun: true }).catch((e) => e);
    expect(error.problems.map((p: { message: string }) => p.message)).toEqual([
      "RKS is not a country code Passerelle knows (M49 list): 867 row(s), lines 121382–122248; to import the other rows, use --skip-unknown-countries",
      "TWN is not a country code Passerelle knows (M49 list): 867 row(s), lines 149126–149992; to import the other rows, use --skip-unknown-countries",
    ]);
    expect(await count(handle, "closure_releases")).toBe(0);
  });
});

describe("crafted files", () => {
  let handle: DbHandle;
  let tmp: string;
  beforeAll(async () => {
    handle = await createTestDb();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "closures-"));
  });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const refusal = async (file: string, options = {}) => {
    const error = await importClosureFile(handle.db, ACTOR, { path: closureFixture(file) }, options).catch((e) => e);
    if (!isAppError(error)) throw new Error(`${file} was not refused`);
    return error;
  };

  it("names every bad value with its line and column, and writes nothing", async () => {
    const error = await refusal("unesco-status-bad.csv");
    expect(error.problems).toEqual([
      {
        line: 8,
        field: "ISO",
        message: "XKX is not a country code Passerelle knows (M49 list): 2 row(s), lines 8–9; to import the other rows, use --skip-unknown-countries",
      },
      { line: 2, field: "Date", message: '"31/02/2020" is not a day of the calendar' },
      { line: 3, field: "Date", message: '"00/03/2020" is not a day of the calendar' },
      { line: 4, field: "Date", message: '"2/3/2020" is not a date written dd/mm/yyyy (e.g. 16/03/2020)' },
      { line: 5, field: "Date", message: '"2020-03-02" is not a date written dd/mm/yyyy (e.g. 16/03/2020)' },
      {
        line: 6,
        field: "Status",
        message: 'unknown status "Closed"; expected one of "Fully open", "Partially open", "Closed due to COVID-19", "Academic break"',
      },
      {
        line: 7,
        field: "Status",
        message: expect.stringContaining('unknown status "fully open" (did you mean "Fully open"?)'),
      },
      {
        line: 11,
        field: "Date",
        message:
          'FRA on 2020-03-07 is already given on line 10, with a conflicting status ("Fully open" there, "Closed due to COVID-19" here): one value per country and day in a release',
      },
      { line: 12, field: "ISO", message: '"FR" is not an ISO alpha-3 country code' },
    ]);
    expect(error.message).toMatch(/^unesco-status-bad\.csv: 9 problem\(s\), the first on line 8: ISO XKX .*nothing was written$/);
    expect(await count(handle, "closure_releases")).toBe(0);
  });

  it("names OxCGRT's bad values and flags", async () => {
    const error = await refusal("oxcgrt-bad.csv");
    expect(error.problems).toEqual([
      { line: 2, field: "date", message: '"2020-13-01" is not a day of the calendar' },
      { line: 3, field: "c1_school_closing", message: '"4" is not a C1 value; expected 0, 1, 2 or 3 (OxCGRT codebook), or blank for no data' },
      { line: 4, field: "c1_school_closing", message: '"1.0" is not a C1 value; expected 0, 1, 2 or 3 (OxCGRT codebook), or blank for no data' },
      { line: 5, field: "c1_flag", message: "a flag (1) is given with C1 value 0; the flag is blank when there are no measures" },
      { line: 6, field: "c1_flag", message: '"2" is not a C1 flag; expected 0 (targeted), 1 (general) or blank' },
      { line: 7, field: "c1_flag", message: 'flag "1" given without a C1 value' },
      { line: 8, field: "c1_school_closing", message: '"-1" is not a C1 value; expected 0, 1, 2 or 3 (OxCGRT codebook), or blank for no data' },
      { line: 9, field: "date", message: '"2020/03/08" is not a date written yyyy-mm-dd (e.g. 2020-03-16)' },
    ]);
  });

  it.each([
    ["empty.csv", /^the file is empty/],
    ["wrong-header.csv", /^not a school-closures file: the header is "id,name,value"/],
    ["header-only.csv", /^the file has a header but no rows$/],
  ])("refuses %s", async (file, message) => {
    const error = await refusal(file);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.message).toMatch(message);
  });

  it("names the national template's bad values", async () => {
    const error = await refusal("national-bad.csv", { publisher: "Ministère de l'Éducation nationale, Sénégal" });
    expect(error.problems).toEqual([
      { line: 2, field: "isced", message: '"9" is not an ISCED 2011 level; expected 0, 1, 2, 3, 4, 5, 6, 7, 8 or blank' },
      { line: 3, field: "learners_female", message: '"-5" is not a whole number of learners' },
      { line: 4, field: "learners_total", message: "the total 150 is less than female + male (200)" },
      {
        line: 5,
        field: "remote_modalities",
        message: 'unknown modality "internet"; expected codes among online_platform, television, radio, mobile_phone, take_home_packages',
      },
      { line: 6, field: "learners_total", message: '"1.5" is not a whole number of learners' },
      { line: 8, field: "isced", message: "SEN on 2020-03-21 is given for all levels (isced blank) and by level (line 7); give one or the other" },
    ]);
  });

  it("needs a publisher for the national template", async () => {
    const error = await refusal("national-good.csv");
    expect(error.problems).toEqual([{ field: "publisher", message: "is required for the national template" }]);
  });

  it("a dry run checks and reports, and writes nothing", async () => {
    const report = await importClosureFile(handle.db, ACTOR, { path: closureFixture("oxcgrt-good.csv") }, { dryRun: true, skipUnknownCountries: true });
    expect(report).toMatchObject({ status: "dry_run", releaseId: null, format: "oxcgrt_c1", rowsRead: 10, rowsStored: 4, rowsSkipped: 6 });
    expect(report).toMatchObject({ coverageFrom: "2020-03-01", coverageTo: "2020-03-04" });
    expect(await count(handle, "closure_releases")).toBe(0);
  });

  it("imports a national file with learners, levels, units and modalities, audited", async () => {
    const progress: number[] = [];
    const report = await importClosureFile(
      handle.db,
      { userId: null, label: "test national" },
      { path: closureFixture("national-good.csv") },
      { publisher: "Ministère de l'Éducation nationale, Sénégal", label: "Sénégal, mars 2020", onProgress: (done, total) => progress.push(done / total) },
    );
    expect(report).toMatchObject({ status: "imported", format: "national", rowsRead: 5, rowsStored: 5, rowsSkipped: 0, warnings: [] });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((p, i) => i === 0 || p >= (progress[i - 1] as number))).toBe(true);
    const releaseId = report.releaseId as number;
    const release = await handle.db.selectFrom("closure_releases").selectAll().where("id", "=", releaseId).executeTakeFirstOrThrow();
    expect(release).toMatchObject({
      source: "national",
      scale: "unesco_status",
      publisher: "Ministère de l'Éducation nationale, Sénégal",
      label: "Sénégal, mars 2020",
    });
    const rows = await handle.db
      .selectFrom("closure_observations as o")
      .leftJoin("closure_notes as n", "n.id", "o.note_id")
      .select([
        "o.unit",
        "o.isced",
        "o.day",
        "o.status",
        "o.learners_female",
        "o.learners_male",
        "o.learners_total",
        "o.remote_modalities",
        "n.text",
        "o.source_line",
      ])
      .where("o.release_id", "=", releaseId)
      .orderBy("o.source_line")
      .execute();
    expect(rows[0]).toEqual({
      unit: "",
      isced: "",
      day: "2020-03-16",
      status: 2,
      learners_female: 1_500_000,
      learners_male: 1_600_000,
      learners_total: 3_200_000,
      remote_modalities: ["radio", "television"],
      text: "Fermeture nationale",
      source_line: 2,
    });
    expect(rows[3]).toMatchObject({ unit: "SN-DK", isced: "2", learners_total: null, remote_modalities: ["take_home_packages", "mobile_phone"], text: null });
    const counts = await handle.db.selectFrom("closure_daily_counts").selectAll().where("release_id", "=", releaseId).orderBy("day").execute();
    expect(counts.map((c) => [c.day, c.status, c.countries, c.learners_total, c.learners_countries])).toEqual([
      ["2020-03-16", 2, 1, 3_200_000, 1],
      ["2020-03-17", 2, 1, 3_200_000, 1],
    ]);
    expect(await count(handle, "closure_periods", releaseId)).toBe(3);
    const audit = await handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "closures.import")
      .where("entity_id", "=", String(releaseId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ fileName: "national-good.csv", format: "national", rowsStored: 5 });
  });

  it("is idempotent on the bytes (also gzipped); another file of the same source is a new release kept beside the first", async () => {
    const first = await importClosureFile(handle.db, ACTOR, { path: closureFixture("unesco-status-good.csv") });
    expect(first).toMatchObject({ status: "imported", rowsStored: 7, coverageFrom: "2020-02-16", coverageTo: "2020-02-19" });
    expect(first.warnings.map((w) => w.message)).toEqual([
      "SEN: 1 day(s) missing in 1 gap(s), the first 2020-02-18 (between lines 7 and 8); not reported, not filled in",
    ]);
    const releases = await count(handle, "closure_releases");
    const events = await count(handle, "audit_events");
    const again = await importClosureFile(handle.db, ACTOR, { path: closureFixture("unesco-status-good.csv") });
    expect(again).toEqual({ ...first, status: "already_imported" });
    const gz = await importClosureFile(handle.db, ACTOR, { path: closureFixture("unesco-status-good.csv.gz") }, { dryRun: true });
    expect(gz).toMatchObject({ status: "already_imported", releaseId: first.releaseId });
    expect(await count(handle, "closure_releases")).toBe(releases);
    expect(await count(handle, "audit_events")).toBe(events);

    const revised = path.join(tmp, "unesco-status-revised.csv");
    fs.writeFileSync(
      revised,
      fs
        .readFileSync(closureFixture("unesco-status-good.csv"), "utf8")
        .replace('16/02/2020,"SEN","Senegal ","Academic break",', '16/02/2020,"SEN","Senegal","Fully open",'),
    );
    const second = await importClosureFile(handle.db, ACTOR, { path: revised });
    expect(second).toMatchObject({ status: "imported", rowsStored: 7 });
    expect(second.releaseId).not.toBe(first.releaseId);
    const senFirstDay = await handle.db
      .selectFrom("closure_observations")
      .select(["release_id", "status"])
      .where("iso3", "=", "SEN")
      .where("day", "=", "2020-02-16")
      .where("release_id", "in", [first.releaseId as number, second.releaseId as number])
      .orderBy("release_id")
      .execute();
    expect(senFirstDay).toEqual([
      { release_id: first.releaseId, status: 3 },
      { release_id: second.releaseId, status: 0 },
    ]);
    // The notes are shared between releases.
    expect(await count(handle, "closure_notes")).toBe(2);
  });

  it("with the skip options, imports the other rows and reports the skipped ones", async () => {
    const report = await importClosureFile(handle.db, ACTOR, { path: closureFixture("unesco-scale-duplicate.csv") }, { skipDuplicates: true });
    expect(report).toMatchObject({ status: "imported", format: "unesco_scale", rowsRead: 6, rowsStored: 5, rowsSkipped: 1 });
    expect(report.warnings.map((w) => [w.line, w.message])).toEqual([
      [3, 'the country name "Venezuela" is the name of VEN, not of UZB (Uzbekistan); the rows are kept under UZB: 1 row(s), line 3'],
      [7, "VEN: 1 day(s) missing in 1 gap(s), the first 2020-03-19 (between lines 6 and 7); not reported, not filled in"],
      [3, "UZB on 2020-03-16 is already given on line 2, with the same status; this row was skipped, the first kept"],
    ]);
  });
});

describe.skipIf(testEngine === "postgres")("a database without reference data", () => {
  it("says to load it first instead of calling every country code unknown", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-closures-noref-"));
    const handle = await openDatabase({ dataDir });
    try {
      await migrate(handle.db);
      const refused = await importClosureFile(handle.db, ACTOR, { path: closureFixture("unesco-status-good.csv") }).catch((e: unknown) => e);
      expect(isAppError(refused) && refused.code).toBe("unavailable");
      expect((refused as Error).message).toMatch(/run `passerelle seed` first/);
      expect(await count(handle, "closure_releases")).toBe(0);
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
