import { unzipSync } from "fflate";
import { AppError } from "../domain/core/app-error.js";

// A small reader for the text of WordprocessingML (.docx) files: a ZIP holding word/document.xml (ECMA-376 Part 1,
// §17). We only need what a person sees in tables and paragraphs, so a tag scanner is enough and no XML dependency is
// taken. Reading rules (why, each):
// - text is only what sits in <w:t>: deleted text (<w:delText>) and field codes (<w:instrText>) are not shown;
// - <w:tab/> is a tab, <w:br/> and <w:cr/> are line breaks, <w:noBreakHyphen/> is a hyphen, <w:softHyphen/> is
//   invisible unless the word wraps, so it is dropped;
// - paragraphs in one cell are joined with "\n" (a cell often holds "text\nSource of position: …");
// - a cell spanning n grid columns (<w:gridSpan w:val="n"/>) is followed by n − 1 empty strings, so that index i of
//   a row is always grid column i;
// - a table nested in a cell adds its text to that cell (its paragraphs, in order): only top-level tables are
//   returned;
// - text boxes (<w:txbxContent>) and the fallback copy of drawings (<mc:Fallback>) are skipped: they are not table
//   data and Word stores a text box twice (choice and fallback);
// - characters are kept as written (smart quotes, non-breaking spaces); XML entities are decoded.

export type DocxText = {
  /** Top-level tables → rows → cell texts, grid-aligned (spanned columns are empty strings). */
  tables: string[][][];
  /** Paragraphs of the body outside any table, in order (empty paragraphs included as ""). */
  paragraphs: string[];
  /** Paragraphs of the page headers (word/header*.xml), in part-name order. */
  headers: string[];
  /** Paragraphs of the page footers (word/footer*.xml), in part-name order. */
  footers: string[];
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes start like a ZIP archive ("PK\x03\x04"), the container of every .docx. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Tables → rows → cell texts of a .docx. Throws AppError("invalid_input") when the bytes are not a readable .docx. */
export function readDocxTables(bytes: Uint8Array): string[][][] {
  return readDocxText(bytes).tables;
}

/** Everything readable from a .docx: tables, body paragraphs outside tables, header and footer paragraphs. */
export function readDocxText(bytes: Uint8Array): DocxText {
  const parts = unzipParts(bytes);
  const document = parts.get("word/document.xml");
  if (document === undefined) throw new AppError("invalid_input", "not a Word document: the ZIP has no word/document.xml");
  const main = parseWordXml(document);
  const partText = (prefix: "header" | "footer") =>
    [...parts.keys()]
      .filter((name) => new RegExp(`^word/${prefix}\\d*\\.xml$`).test(name))
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
      .flatMap((name) => parseWordXml(parts.get(name) as string).paragraphs);
  return { tables: main.tables, paragraphs: main.paragraphs, headers: partText("header"), footers: partText("footer") };
}

function unzipParts(bytes: Uint8Array): Map<string, string> {
  if (!looksLikeZip(bytes)) throw new AppError("invalid_input", "not a Word document: a .docx is a ZIP archive and starts with PK\\x03\\x04");
  let files: Record<string, Uint8Array>;
  try {
    // Only the parts we read are inflated: images can be large.
    files = unzipSync(bytes, { filter: (f) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(f.name) });
  } catch (e) {
    throw new AppError("invalid_input", `not a readable Word document: the ZIP archive is damaged or truncated (${(e as Error).message})`);
  }
  const decoder = new TextDecoder("utf-8");
  return new Map(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    const code = name.startsWith("#x") ? Number.parseInt(name.slice(2), 16) : name.startsWith("#") ? Number.parseInt(name.slice(1), 10) : null;
    if (code === null) return ENTITIES[name] ?? whole;
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

type Cell = { paragraphs: string[]; span: number };
type Table = { rows: Cell[][]; row: Cell[] | null; cell: Cell | null };

/** Reads one WordprocessingML part (document, header or footer) into top-level tables and outside paragraphs. */
export function parseWordXml(xml: string): { tables: string[][][]; paragraphs: string[] } {
  const tables: string[][][] = [];
  const paragraphs: string[] = [];
  const stack: Table[] = []; // open tables, outermost first
  let paragraph: string[] | null = null;
  let inText = false; // inside <w:t>
  let skipDepth = 0; // inside skipped content (text boxes, drawing fallbacks); counts nesting of those tags
  // Comments, CDATA, processing instructions, tags, or text between tags.
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const [, cdata, closing, name, attrs, selfClosing, text] = m;
    if (name === undefined) {
      if (inText && skipDepth === 0 && paragraph) paragraph.push(cdata ?? decodeXmlEntities(text ?? ""));
      continue;
    }
    if (name === "w:txbxContent" || name === "mc:Fallback") {
      if (selfClosing) continue;
      skipDepth += closing ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    const open = !closing;
    const innermost = stack[stack.length - 1];
    switch (name) {
      case "w:t":
        inText = open && !selfClosing;
        break;
      case "w:p":
        if (open && !selfClosing) paragraph = [];
        else {
          const p = (paragraph ?? []).join("");
          paragraph = null;
          if (innermost?.cell) innermost.cell.paragraphs.push(p);
          else if (stack.length === 0) paragraphs.push(p);
        }
        break;
      case "w:tab":
        if (open && paragraph && !isTabStop(attrs ?? "")) paragraph.push("\t");
        break;
      case "w:br":
      case "w:cr":
        if (open && paragraph) paragraph.push("\n");
        break;
      case "w:noBreakHyphen":
        if (open && paragraph) paragraph.push("-");
        break;
      case "w:tbl":
        if (open && !selfClosing) stack.push({ rows: [], row: null, cell: null });
        else closeTable(stack, tables);
        break;
      case "w:tr":
        if (!innermost) break;
        if (open && !selfClosing) innermost.row = [];
        else {
          if (innermost.row) innermost.rows.push(innermost.row);
          innermost.row = null;
        }
        break;
      case "w:tc":
        if (!innermost) break;
        if (open && !selfClosing) innermost.cell = { paragraphs: [], span: 1 };
        else if (innermost.cell) {
          innermost.row?.push(innermost.cell);
          innermost.cell = null;
        }
        break;
      case "w:gridSpan":
        if (innermost?.cell) {
          const n = Number(/w:val\s*=\s*["'](\d+)["']/.exec(attrs ?? "")?.[1] ?? "1");
          innermost.cell.span = Number.isInteger(n) && n >= 1 && n <= 64 ? n : 1;
        }
        break;
    }
  }
  while (stack.length > 0) closeTable(stack, tables); // a part cut short still yields its complete rows
  return { tables, paragraphs };
}

/** <w:tab> also appears inside <w:tabs> as a tab-stop definition (it has w:pos): that is layout, not text. */
function isTabStop(attrs: string): boolean {
  return /\bw:pos\s*=/.test(attrs);
}

function closeTable(stack: Table[], tables: string[][][]): void {
  const table = stack.pop();
  if (!table) return;
  // A row still open here was cut short (a truncated part): it is dropped rather than returned half read.
  const outer = stack[stack.length - 1];
  if (outer?.cell) {
    // A nested table's text belongs to the cell that holds it.
    for (const row of table.rows) for (const cell of row) outer.cell.paragraphs.push(...cell.paragraphs);
    return;
  }
  if (outer) return; // a table directly in a row (malformed): nothing to attach it to
  tables.push(table.rows.map((row) => row.flatMap((cell) => [cell.paragraphs.join("\n"), ...Array<string>(cell.span - 1).fill("")])));
}
