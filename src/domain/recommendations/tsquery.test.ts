import { describe, expect, it } from "vitest";
import { parseTsVector } from "./search-index.js";
import { parseTsQuery, positiveLexemes, type TsQuery } from "./tsquery.js";

const lex = (lexeme: string): TsQuery => ({ op: "lexeme", lexeme, prefix: false, weights: "" });

describe("parseTsQuery reads PostgreSQL's text form of a tsquery", () => {
  it.each<[string, TsQuery | null]>([
    ["", null],
    ["'torture'", lex("torture")],
    ["'death' <-> 'penalti'", { op: "phrase", distance: 1, left: lex("death"), right: lex("penalti") }],
    ["'right' <2> 'educ'", { op: "phrase", distance: 2, left: lex("right"), right: lex("educ") }],
    // & binds tighter than |, <-> tighter than &, ! tightest; left-associative
    ["'a' | 'b' & 'c'", { op: "or", left: lex("a"), right: { op: "and", left: lex("b"), right: lex("c") } }],
    ["'a' & 'b' <-> 'c'", { op: "and", left: lex("a"), right: { op: "phrase", distance: 1, left: lex("b"), right: lex("c") } }],
    [
      "'well-b' <-> 'well' <3> 'children'",
      { op: "phrase", distance: 3, left: { op: "phrase", distance: 1, left: lex("well-b"), right: lex("well") }, right: lex("children") },
    ],
    ["!'women' & 'girl'", { op: "and", left: { op: "not", arg: lex("women") }, right: lex("girl") }],
    ["'b' & !( 'd' <2> 'e' )", { op: "and", left: lex("b"), right: { op: "not", arg: { op: "phrase", distance: 2, left: lex("d"), right: lex("e") } } }],
    ["'o''brien' & 'back\\\\slash'", { op: "and", left: lex("o'brien"), right: lex("back\\slash") }],
    ["'f':*A", { op: "lexeme", lexeme: "f", prefix: true, weights: "A" }],
    ["'éduc' & 'fill'", { op: "and", left: lex("éduc"), right: lex("fill") }],
  ])("%s", (text, tree) => {
    expect(parseTsQuery(text)).toEqual(tree);
  });

  it.each(["'unterminated", "'a' &", "( 'a'", "'a' <x> 'b'", "'a' 'b' )", "a"])("refuses malformed text: %s", (text) => {
    expect(() => parseTsQuery(text)).toThrow(SyntaxError);
  });

  it("lists the lexemes a query looks for, not those it excludes", () => {
    const q = parseTsQuery("'a' & !'b' | 'c' <-> 'd' & !( !'e' )") as TsQuery;
    expect([...positiveLexemes(q)].sort()).toEqual(["a", "c", "d", "e"]);
  });
});

describe("parseTsVector reads PostgreSQL's text form of a tsvector", () => {
  it.each<[string, [string, number[]][]]>([
    ["", []],
    [
      "'educ':3 'girl':1,7",
      [
        ["educ", [3]],
        ["girl", [1, 7]],
      ],
    ],
    [
      "'o''brien':2 'back\\\\slash':4A,5B 'x.org/a':16",
      [
        ["o'brien", [2]],
        ["back\\slash", [4, 5]],
        ["x.org/a", [16]],
      ],
    ],
    ["'保障女童受教育的权利':1", [["保障女童受教育的权利", [1]]]],
    ["'stripped'", [["stripped", []]]],
  ])("%s", (text, entries) => {
    expect(parseTsVector(text)).toEqual(entries);
  });
});
