import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layer rules of docs/ARCHITECTURE.md, checked on the source text so a violation fails the build.
const SRC = path.resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ rel: path.relative(SRC, file), text: fs.readFileSync(file, "utf8") }));
const imports = (text: string) => [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1] as string);

describe("layers", () => {
  it("domain code never imports Fastify, pg or PGlite", () => {
    const offenders = files
      .filter((f) => f.rel.startsWith("domain/"))
      .flatMap((f) =>
        imports(f.text)
          .filter((i) => /^(fastify|@fastify\/|pg$|@electric-sql\/|kysely$)/.test(i))
          .map((i) => `${f.rel} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it("only store/ builds SQL", () => {
    const sqlPattern = /\b(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|from "kysely"/;
    const offenders = files.filter((f) => !f.rel.startsWith("store/") && sqlPattern.test(f.text)).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it("only http/ knows HTTP status codes", () => {
    const statusPattern = /\b(statusCode|reply\.status|\.code\((4|5)\d\d\))/;
    const offenders = files.filter((f) => !f.rel.startsWith("http/") && statusPattern.test(f.text)).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it("nothing under src/ reads the developers' shared data folder (the repository is self-contained)", () => {
    expect(files.filter((f) => /\.\.\/shared|\/work\/shared/.test(f.text)).map((f) => f.rel)).toEqual([]);
  });

  it("only config.ts reads environment variables", () => {
    const offenders = files.filter((f) => f.rel !== "config.ts" && /process\.env\b/.test(f.text) && !f.rel.startsWith("cli/")).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });
});
