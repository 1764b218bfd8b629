// A parser for PostgreSQL's text form of a tsquery (the output of `websearch_to_tsquery(...)::text`), so the
// in-process search index can evaluate exactly the query PostgreSQL's own parser and stemmers produced.
// Precedence as in PostgreSQL (tsquery.c): `!` binds tightest, then `<->`/`<N>`, then `&`, then `|`; binary operators
// are left-associative. Lexemes are quoted, with `''` and `\\` escaped.

export type TsQuery =
  | { op: "lexeme"; lexeme: string; prefix: boolean; weights: string }
  | { op: "not"; arg: TsQuery }
  | { op: "and" | "or"; left: TsQuery; right: TsQuery }
  | { op: "phrase"; distance: number; left: TsQuery; right: TsQuery };

type Token =
  | { kind: "lexeme"; lexeme: string; prefix: boolean; weights: string }
  | { kind: "op"; value: "!" | "&" | "|" | "(" | ")" }
  | { kind: "phrase"; distance: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === " ") {
      i++;
    } else if (c === "'") {
      let lexeme = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new SyntaxError("unterminated lexeme");
        const d = text[i] as string;
        if (d === "\\" && i + 1 < text.length) {
          lexeme += text[i + 1];
          i += 2;
        } else if (d === "'" && text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          lexeme += d;
          i++;
        }
      }
      let prefix = false;
      let weights = "";
      if (text[i] === ":") {
        i++;
        while (i < text.length && /[*ABCDabcd]/.test(text[i] as string)) {
          if (text[i] === "*") prefix = true;
          else weights += (text[i] as string).toUpperCase();
          i++;
        }
      }
      tokens.push({ kind: "lexeme", lexeme, prefix, weights });
    } else if (c === "<") {
      const end = text.indexOf(">", i);
      if (end < 0) throw new SyntaxError("unterminated phrase operator");
      const inner = text.slice(i + 1, end);
      const distance = inner === "-" ? 1 : Number(inner);
      if (!Number.isInteger(distance) || distance < 0) throw new SyntaxError(`bad phrase distance <${inner}>`);
      tokens.push({ kind: "phrase", distance });
      i = end + 1;
    } else if (c === "!" || c === "&" || c === "|" || c === "(" || c === ")") {
      tokens.push({ kind: "op", value: c });
      i++;
    } else {
      throw new SyntaxError(`unexpected character ${JSON.stringify(c)} at ${i}`);
    }
  }
  return tokens;
}

/** The tree of a tsquery's text form, or null for the empty query (only stop words, or nothing). */
export function parseTsQuery(text: string): TsQuery | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (t: Token | undefined, v: string) => t?.kind === "op" && t.value === v;

  const parseOr = (): TsQuery => {
    let left = parseAnd();
    while (isOp(peek(), "|")) {
      at++;
      left = { op: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): TsQuery => {
    let left = parsePhrase();
    while (isOp(peek(), "&")) {
      at++;
      left = { op: "and", left, right: parsePhrase() };
    }
    return left;
  };
  const parsePhrase = (): TsQuery => {
    let left = parseUnary();
    for (let t = peek(); t?.kind === "phrase"; t = peek()) {
      at++;
      left = { op: "phrase", distance: t.distance, left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): TsQuery => {
    const t = tokens[at++];
    if (t === undefined) throw new SyntaxError("unexpected end of query");
    if (t.kind === "lexeme") return { op: "lexeme", lexeme: t.lexeme, prefix: t.prefix, weights: t.weights };
    if (isOp(t, "!")) return { op: "not", arg: parseUnary() };
    if (isOp(t, "(")) {
      const inner = parseOr();
      if (!isOp(tokens[at++], ")")) throw new SyntaxError("missing )");
      return inner;
    }
    throw new SyntaxError(`unexpected ${t.kind === "op" ? t.value : "phrase operator"}`);
  };

  const tree = parseOr();
  if (at !== tokens.length) throw new SyntaxError("trailing tokens");
  return tree;
}

/** The distinct lexemes a query looks for (not those it excludes): the terms that score a match. */
export function positiveLexemes(q: TsQuery, negated = false, into = new Set<string>()): Set<string> {
  if (q.op === "lexeme") {
    if (!negated) into.add(q.lexeme);
  } else if (q.op === "not") {
    positiveLexemes(q.arg, !negated, into);
  } else {
    positiveLexemes(q.left, negated, into);
    positiveLexemes(q.right, negated, into);
  }
  return into;
}
