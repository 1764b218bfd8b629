import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, csvLine } from "./csv.js";

describe("csv", () => {
  it.each([
    ["plain", "plain"],
    ['say "hi"', '"say ""hi"""'],
    ["a,b", '"a,b"'],
    ["line\nbreak", '"line\nbreak"'],
    ["=1+1", "'=1+1"],
    ["-2", "'-2"],
    [null, ""],
    [["a", "b"], "a|b"],
  ])("%j → %s", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("round-trips through a CSV parser (formula prefixes aside)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s)),
          { minLength: 1, maxLength: 5 },
        ),
        (cells) => {
          const parsed = parse(csvLine(cells), { relax_quotes: false }) as string[][];
          expect(parsed[0]).toEqual(cells);
        },
      ),
    );
  });

  it("streams a document with a BOM and a header", async () => {
    async function* pages() {
      yield [{ a: 1 }, { a: 2 }];
      yield [{ a: 3 }];
    }
    let out = "";
    for await (const chunk of csvDocument([{ header: "a", value: (r: { a: number }) => r.a }], pages())) out += chunk;
    expect(out).toBe("\uFEFFa\r\n1\r\n2\r\n3\r\n");
  });
});
