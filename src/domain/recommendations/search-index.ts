import { difference, EMPTY, intersect, type Postings, selectTop, U32Builder, union, unionAll } from "./posting-lists.js";
import { positiveLexemes, type TsQuery } from "./tsquery.js";

// An in-process index of the recommendations registry for search with exact facet counts (R15, R30).
//
// Why: every exact facet count or relevance order visits every matched row. Inside PGlite (PostgreSQL in WASM) that
// cost ~100 ms at the p95 for 250,000 rows, most of it unnesting and aggregating facet values (docs/performance.md).
// Here the same work is a loop over typed arrays. PostgreSQL still owns the language work: the lexemes come from the
// stored tsvector column and the query from websearch_to_tsquery, so stemming, stop words and query syntax are
// PostgreSQL's own; this index only evaluates the parsed query over them, and a query shape it does not evaluate
// (prefix or weight markers, operators nested inside a phrase) is answered by SQL instead.
//
// Relevance is BM25 over the lexemes of the query (PostgreSQL's ts_rank is not reproduced: BM25 weighs rare words and
// document length better, and the order is the same on either database engine).

export type IndexRow = {
  id: string;
  /** The text form of the row's tsvector ('lexeme':1,5 …). */
  tsvector: string;
  /** Facet values as `facet:value` ('state:SEN', 'cycle:2', …). */
  facetTokens: string[];
  year: number | null;
  session: number | null;
  stateIso3: string;
};

export type FacetCount = { facet: string; value: string; count: number };
export type FacetFilter = Record<string, string[]>;
export type SearchOrder = "relevance" | "date";

const BM25_K1 = 1.2;
const BM25_B = 0.75;

export type SearchIndex = {
  readonly size: number;
  /** Every row that can match a text query (PostgreSQL never matches an empty tsvector). */
  readonly textRows: Postings;
  readonly allRows: Postings;
  idOf(row: number): string;
  /** The rows matching a text query and facet filters, or undefined when the query shape is left to SQL. */
  match(query: TsQuery | null | undefined, filters: FacetFilter): Postings | undefined;
  countFacets(rows: Postings): FacetCount[];
  /** Row numbers in result order: `count` of them from `offset`. */
  order(rows: Postings, order: SearchOrder, query: TsQuery | null | undefined, offset: number, count: number): number[];
};

/** Builds the index from rows given in the database's id order (row numbers follow it, so ties break by id). */
export class SearchIndexBuilder {
  private ids: string[] = [];
  private lexIdOf = new Map<string, number>();
  private rowLexStart = new U32Builder();
  private rowLex = new U32Builder();
  private lexPosStart = new U32Builder();
  private positions = new U32Builder();
  private tokenIdOf = new Map<string, number>();
  private rowTokStart = new U32Builder();
  private rowTok = new U32Builder();
  private years: (number | null)[] = [];
  private sessions: (number | null)[] = [];
  private states: string[] = [];

  add(row: IndexRow): void {
    this.rowLexStart.push(this.rowLex.length);
    this.rowTokStart.push(this.rowTok.length);
    this.ids.push(row.id);
    this.years.push(row.year);
    this.sessions.push(row.session);
    this.states.push(row.stateIso3);
    const entries = parseTsVector(row.tsvector).map(([lexeme, pos]) => {
      let id = this.lexIdOf.get(lexeme);
      if (id === undefined) {
        id = this.lexIdOf.size;
        this.lexIdOf.set(lexeme, id);
      }
      return [id, pos] as const;
    });
    entries.sort((a, b) => a[0] - b[0]);
    for (const [id, pos] of entries) {
      this.rowLex.push(id);
      this.lexPosStart.push(this.positions.length);
      for (const p of pos) this.positions.push(p);
    }
    const tokens = [...new Set(row.facetTokens)].map((t) => {
      let id = this.tokenIdOf.get(t);
      if (id === undefined) {
        id = this.tokenIdOf.size;
        this.tokenIdOf.set(t, id);
      }
      return id;
    });
    for (const t of tokens.sort((a, b) => a - b)) this.rowTok.push(t);
  }

  finish(): SearchIndex {
    this.rowLexStart.push(this.rowLex.length);
    this.rowTokStart.push(this.rowTok.length);
    this.lexPosStart.push(this.positions.length);
    const text = {
      rowStart: this.rowLexStart.toArray(),
      rowLex: this.rowLex.toArray(),
      posStart: this.lexPosStart.toArray(),
      positions: this.positions.toArray(),
    };
    const tokRowStart = this.rowTokStart.toArray();
    const rowTok = this.rowTok.toArray();
    return new BuiltIndex(
      this.ids,
      this.lexIdOf,
      text,
      transpose(text.rowStart, text.rowLex, this.lexIdOf.size),
      this.tokenIdOf,
      tokRowStart,
      rowTok,
      transpose(tokRowStart, rowTok, this.tokenIdOf.size),
      dateRanks(this.years, this.sessions, this.states),
    );
  }
}

type Csr = { start: Uint32Array; rows: Uint32Array };

/** From row → sorted keys to key → sorted rows. */
function transpose(rowStart: Uint32Array, keys: Uint32Array, keyCount: number): Csr {
  const start = new Uint32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) {
    const k = (keys[i] as number) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, keyCount);
  const rows = new Uint32Array(keys.length);
  for (let r = 0; r + 1 < rowStart.length; r++) {
    for (let i = rowStart[r] as number; i < (rowStart[r + 1] as number); i++) {
      const k = keys[i] as number;
      const at = fill[k] as number;
      rows[at] = r;
      fill[k] = at + 1;
    }
  }
  return { start, rows };
}

/** Position of every row in date order: year, then session, newest first (unknown last), then State, then id. */
function dateRanks(years: (number | null)[], sessions: (number | null)[], states: string[]): Uint32Array {
  const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
  const order = years.map((_, i) => i);
  order.sort(
    (a, b) =>
      desc(years[a] ?? null, years[b] ?? null) ||
      desc(sessions[a] ?? null, sessions[b] ?? null) ||
      ((states[a] as string) < (states[b] as string) ? -1 : (states[a] as string) > (states[b] as string) ? 1 : a - b),
  );
  const rank = new Uint32Array(order.length);
  order.forEach((row, i) => {
    rank[row] = i;
  });
  return rank;
}

class UnsupportedQuery extends Error {}

class BuiltIndex implements SearchIndex {
  readonly size: number;
  readonly allRows: Postings;
  readonly textRows: Postings;
  private readonly docLength: Uint32Array;
  private readonly avgDocLength: number;
  private readonly tokenFacet: string[] = [];
  private readonly tokenValue: string[] = [];

  constructor(
    private readonly ids: string[],
    private readonly lexIdOf: Map<string, number>,
    private readonly text: { rowStart: Uint32Array; rowLex: Uint32Array; posStart: Uint32Array; positions: Uint32Array },
    private readonly lexRows: Csr,
    private readonly tokenIdOf: Map<string, number>,
    private readonly rowTokStart: Uint32Array,
    private readonly rowTok: Uint32Array,
    private readonly tokenRows: Csr,
    private readonly dateRank: Uint32Array,
  ) {
    this.size = ids.length;
    this.allRows = Uint32Array.from({ length: this.size }, (_, i) => i);
    const nonEmpty = new U32Builder();
    this.docLength = new Uint32Array(this.size);
    let totalLength = 0;
    for (let r = 0; r < this.size; r++) {
      const from = text.rowStart[r] as number;
      const to = text.rowStart[r + 1] as number;
      if (to > from) nonEmpty.push(r);
      const length = (text.posStart[to] as number) - (text.posStart[from] as number);
      this.docLength[r] = length;
      totalLength += length;
    }
    this.textRows = nonEmpty.toArray();
    this.avgDocLength = this.size ? totalLength / this.size : 1;
    for (const token of tokenIdOf.keys()) {
      const i = token.indexOf(":");
      this.tokenFacet.push(token.slice(0, i));
      this.tokenValue.push(token.slice(i + 1));
    }
  }

  idOf(row: number): string {
    return this.ids[row] as string;
  }

  match(query: TsQuery | null | undefined, filters: FacetFilter): Postings | undefined {
    const sets: Postings[] = [];
    for (const [facet, values] of Object.entries(filters)) {
      if (values.length === 0) continue;
      sets.push(
        unionAll(
          values.map((v) => this.tokenPostings(`${facet}:${v}`)),
          this.size,
        ),
      );
    }
    if (query !== undefined) {
      // An empty query (only stop words) matches nothing, as `tsvector @@ ''::tsquery` in PostgreSQL.
      if (query === null) return EMPTY;
      try {
        sets.push(this.evaluate(query));
      } catch (e) {
        if (e instanceof UnsupportedQuery) return undefined;
        throw e;
      }
    }
    if (sets.length === 0) return this.allRows;
    sets.sort((a, b) => a.length - b.length);
    return sets.reduce((acc, s) => intersect(acc, s));
  }

  countFacets(rows: Postings): FacetCount[] {
    const counts = new Uint32Array(this.tokenIdOf.size);
    const { rowTokStart, rowTok } = this;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as number;
      const to = rowTokStart[r + 1] as number;
      for (let j = rowTokStart[r] as number; j < to; j++) {
        const t = rowTok[j] as number;
        counts[t] = (counts[t] as number) + 1;
      }
    }
    const out: FacetCount[] = [];
    for (let t = 0; t < counts.length; t++) {
      const count = counts[t] as number;
      if (count > 0) out.push({ facet: this.tokenFacet[t] as string, value: this.tokenValue[t] as string, count });
    }
    return out;
  }

  order(rows: Postings, order: SearchOrder, query: TsQuery | null | undefined, offset: number, count: number): number[] {
    const k = Math.min(rows.length, offset + count);
    const dateRank = this.dateRank;
    if (order === "date" || !query) return selectTop(rows, k, (a, b) => (dateRank[a] as number) < (dateRank[b] as number)).slice(offset);
    const score = this.score(rows, query);
    return selectTop(rows, k, (a, b) => {
      const sa = score[a] as number;
      const sb = score[b] as number;
      return sa > sb || (sa === sb && a < b);
    }).slice(offset);
  }

  private tokenPostings(token: string): Postings {
    const id = this.tokenIdOf.get(token);
    if (id === undefined) return EMPTY;
    return this.tokenRows.rows.subarray(this.tokenRows.start[id], this.tokenRows.start[id + 1]);
  }

  private lexemePostings(lexeme: string): Postings {
    const id = this.lexIdOf.get(lexeme);
    if (id === undefined) return EMPTY;
    return this.lexRows.rows.subarray(this.lexRows.start[id], this.lexRows.start[id + 1]);
  }

  private evaluate(q: TsQuery): Postings {
    switch (q.op) {
      case "lexeme":
        if (q.prefix || q.weights) throw new UnsupportedQuery();
        return this.lexemePostings(q.lexeme);
      case "not":
        return difference(this.textRows, this.evaluate(q.arg));
      case "and":
        if (q.right.op === "not") return difference(this.evaluate(q.left), this.evaluate(q.right.arg));
        if (q.left.op === "not") return difference(this.evaluate(q.right), this.evaluate(q.left.arg));
        return intersect(this.evaluate(q.left), this.evaluate(q.right));
      case "or":
        return union(this.evaluate(q.left), this.evaluate(q.right));
      case "phrase":
        return this.evaluatePhrase(q);
    }
  }

  private evaluatePhrase(q: TsQuery): Postings {
    const lexemes: string[] = [];
    const collect = (n: TsQuery) => {
      if (n.op === "lexeme" && !n.prefix && !n.weights) lexemes.push(n.lexeme);
      else if (n.op === "phrase") {
        collect(n.left);
        collect(n.right);
      } else throw new UnsupportedQuery();
    };
    collect(q);
    const lists = lexemes.map((l) => this.lexemePostings(l)).sort((a, b) => a.length - b.length);
    const candidates = lists.reduce((acc, s) => intersect(acc, s));
    const out = new U32Builder();
    for (let i = 0; i < candidates.length; i++) {
      const row = candidates[i] as number;
      if (this.phraseEnds(q, row).ends.length > 0) out.push(row);
    }
    return out.toArray();
  }

  /**
   * Where a phrase ends in a row, and how many positions it spans before its end: `L <d> R` holds where R starts d
   * positions after L ends, so `'well-b' <-> 'well' <3> 'children'` finds "well-being of children".
   */
  private phraseEnds(q: TsQuery, row: number): { ends: number[]; width: number } {
    if (q.op === "lexeme") return { ends: this.positionsOf(q.lexeme, row), width: 0 };
    if (q.op !== "phrase") throw new UnsupportedQuery();
    const left = this.phraseEnds(q.left, row);
    if (left.ends.length === 0) return left;
    const right = this.phraseEnds(q.right, row);
    const starts = new Set(left.ends.map((e) => e + q.distance));
    return { ends: right.ends.filter((e) => starts.has(e - right.width)), width: left.width + q.distance + right.width };
  }

  /** Positions of a lexeme in a row: a binary search among the row's lexeme ids, which are sorted. */
  private positionsOf(lexeme: string, row: number): number[] {
    const slot = this.slotOf(lexeme, row);
    if (slot < 0) return [];
    return Array.from(this.text.positions.subarray(this.text.posStart[slot], this.text.posStart[slot + 1]));
  }

  private slotOf(lexeme: string, row: number): number {
    const id = this.lexIdOf.get(lexeme);
    if (id === undefined) return -1;
    const { rowStart, rowLex } = this.text;
    let lo = rowStart[row] as number;
    let hi = rowStart[row + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((rowLex[mid] as number) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < (rowStart[row + 1] as number) && rowLex[lo] === id ? lo : -1;
  }

  /** BM25 of each matched row over the query's positive lexemes. */
  private score(rows: Postings, query: TsQuery): Float64Array {
    const terms = [...positiveLexemes(query)].flatMap((lexeme) => {
      const df = this.lexemePostings(lexeme).length;
      return df ? [{ lexeme, idf: Math.log(1 + (this.size - df + 0.5) / (df + 0.5)) }] : [];
    });
    const scores = new Float64Array(this.size);
    const { posStart } = this.text;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * (this.docLength[row] as number)) / this.avgDocLength);
      let s = 0;
      for (const t of terms) {
        const slot = this.slotOf(t.lexeme, row);
        if (slot < 0) continue;
        const tf = (posStart[slot + 1] as number) - (posStart[slot] as number);
        s += (t.idf * tf * (BM25_K1 + 1)) / (tf + norm);
      }
      scores[row] = s;
    }
    return scores;
  }
}

/** The lexemes and positions of a tsvector's text form: `'lexeme':1,5A 'other':3` (weights dropped). */
export function parseTsVector(text: string): [string, number[]][] {
  const out: [string, number[]][] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (text.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    if (text[i] !== "'") throw new SyntaxError(`tsvector: expected a quote at ${i}`);
    i++;
    let lexeme = "";
    let chunkStart = i;
    for (;;) {
      if (i >= n) throw new SyntaxError("tsvector: unterminated lexeme");
      const c = text[i];
      if (c === "\\") {
        lexeme += text.slice(chunkStart, i) + (text[i + 1] ?? "");
        i += 2;
        chunkStart = i;
      } else if (c === "'" && text[i + 1] === "'") {
        lexeme += `${text.slice(chunkStart, i)}'`;
        i += 2;
        chunkStart = i;
      } else if (c === "'") {
        lexeme += text.slice(chunkStart, i);
        i++;
        break;
      } else i++;
    }
    const positions: number[] = [];
    if (text[i] === ":") {
      i++;
      let value = 0;
      for (; i < n; i++) {
        const code = text.charCodeAt(i);
        if (code >= 48 && code <= 57) value = value * 10 + (code - 48);
        else if (code === 44) {
          positions.push(value);
          value = 0;
        } else if (code === 32) break;
        // A, B, C: weight letters, not needed for matching
      }
      positions.push(value);
    }
    out.push([lexeme, positions]);
  }
  return out;
}
