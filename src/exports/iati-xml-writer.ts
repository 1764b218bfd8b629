// A small streaming XML writer for the IATI files: elements are appended to a text buffer that the caller takes
// and writes out in chunks, so a file of any size is produced with bounded memory and no DOM. Output is
// indented with two spaces, one element per line; elements hold either text or children, never both (IATI has no
// mixed content).

/** Attributes in the order they are written; null and undefined values are left out. */
export type XmlAttributes = readonly (readonly [name: string, value: string | number | null | undefined])[];

// XML 1.0 § 2.2 Char: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. Anything
// else (other C0 controls, U+FFFE, U+FFFF, lone surrogates) cannot appear in a document, even as a character
// reference, so it is replaced by U+FFFD REPLACEMENT CHARACTER.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// Most values (codes, dates, amounts, plain text) need nothing: one test without the Unicode flag finds the others.
// It also sends every surrogate to the slow path, where well-formed pairs are kept and lone halves replaced.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the C0 controls XML 1.0 excludes is the point.
const NEEDS_WORK = /[&<>"\t\n\r\u0000-\u001F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
// U+FEFF (zero-width no-break space) is a legal character, but a parser may take a literal one for a byte-order
// mark and drop it (found by the property test): written as a character reference, it always survives.
const TEXT_SPECIAL = /[&<>\r\uFEFF]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r\uFEFF]/g;
const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
  "\uFEFF": "&#xFEFF;",
};

/** The text with the characters XML 1.0 cannot carry replaced by U+FFFD. */
export function toXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, "\uFFFD");
}

/**
 * Escapes element text. `>` is escaped too (so `]]>` never appears) and a carriage return becomes `&#13;`, since
 * a parser turns a literal one into a line feed (XML 1.0 § 2.11).
 */
export function escapeXmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return toXmlChars(text).replace(TEXT_SPECIAL, (c) => ENTITY[c] as string);
}

/** Escapes an attribute value for double quotes; tab, line feed and carriage return become character references,
 * since attribute-value normalization would turn them into spaces (XML 1.0 § 3.3.3). */
export function escapeXmlAttribute(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return toXmlChars(value).replace(ATTRIBUTE_SPECIAL, (c) => ENTITY[c] as string);
}

const XML_NAME = /^[A-Za-z_][\w.:-]*$/;
const INDENTS = Array.from({ length: 24 }, (_, depth) => "  ".repeat(depth));

function attributesText(attributes: XmlAttributes): string {
  let out = "";
  for (const [name, value] of attributes) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${escapeXmlAttribute(String(value))}"`;
  }
  return out;
}

export class XmlWriter {
  private buffer = "";
  private readonly open: string[] = [];

  /** The XML declaration: IATI files are UTF-8. */
  declaration(): this {
    this.buffer += '<?xml version="1.0" encoding="UTF-8"?>\n';
    return this;
  }

  /** A comment; `--` is not allowed inside one, so it is spaced out. */
  comment(text: string): this {
    const safe = toXmlChars(text).replaceAll("--", "- -").replace(/-$/, "- ");
    this.buffer += `${this.indent()}<!-- ${safe} -->\n`;
    return this;
  }

  /** Opens an element that will hold children. */
  start(name: string, attributes: XmlAttributes = []): this {
    this.buffer += `${this.indent()}<${checkedName(name)}${attributesText(attributes)}>\n`;
    this.open.push(name);
    return this;
  }

  /** Closes the element opened last. */
  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error("XmlWriter.end() without an open element");
    this.buffer += `${this.indent()}</${name}>\n`;
    return this;
  }

  /** A complete element: with text when `text` is given (even empty), otherwise empty (`<name …/>`). */
  element(name: string, attributes: XmlAttributes = [], text?: string): this {
    const head = `${this.indent()}<${checkedName(name)}${attributesText(attributes)}`;
    this.buffer += text === undefined ? `${head}/>\n` : `${head}>${escapeXmlText(text)}</${name}>\n`;
    return this;
  }

  /** Depth of open elements (0 once the document is complete). */
  get depth(): number {
    return this.open.length;
  }

  /** Characters written since the last take(). */
  get pending(): number {
    return this.buffer.length;
  }

  /** Returns what was written since the last call and empties the buffer. */
  take(): string {
    const out = this.buffer;
    this.buffer = "";
    return out;
  }

  private indent(): string {
    return INDENTS[this.open.length] ?? "  ".repeat(this.open.length);
  }
}

const checkedNames = new Set<string>();

function checkedName(name: string): string {
  if (checkedNames.has(name)) return name;
  if (!XML_NAME.test(name)) throw new Error(`Not an XML element name: ${name}`);
  checkedNames.add(name);
  return name;
}
