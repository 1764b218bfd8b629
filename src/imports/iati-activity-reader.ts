import { SaxesParser, type SaxesTagNS } from "saxes";
import { decodeUtf8, decompressed, IatiFileError, type IatiSource, openBytes } from "./iati-file-input.js";
import { type IatiVersion, iatiValidator, isIatiVersion, type SchemaIssue, validateXmlText } from "./iati-schema.js";

// Reads an IATI activity file of any size as a stream (gzipped or not) and hands out one activity at a time: its
// XML cut out of the file, validated on its own against the schema of the file's version (so one invalid activity
// does not sink the others, and errors carry the file's line numbers), and as a small element tree for mapping.
// A file that is not an IATI 2.0x activity file, or not well-formed UTF-8 XML, is refused with a clear error and
// its line; DTDs are refused outright, never processed (billion laughs, external entities).

/** No single activity may be larger than this (characters of XML); the file itself is streamed, whatever its size. */
export const MAX_ACTIVITY_CHARS = 16 * 1024 * 1024;
const SLICE_CHARS = 64 * 1024;

export { IatiFileError, type IatiFileProblem, type IatiSource, withRereadableSource } from "./iati-file-input.js";

/** An element of an activity, as the mapping needs it: no-namespace elements only (extensions are left out). */
export type IatiXmlElement = { name: string; attrs: Record<string, string>; children: IatiXmlElement[]; text: string; line: number };

export type IatiActivityElement = {
  /** File lines of the activity's start and end tags. */
  line: number;
  endLine: number;
  identifier: string;
  element: IatiXmlElement;
  /** Schema problems of this activity, with file line numbers (empty when valid or when not validated). */
  issues: SchemaIssue[];
};

export type IatiReadEvent =
  | { kind: "header"; version: IatiVersion; generatedDatetime: string | null }
  | ({ kind: "activity" } & IatiActivityElement)
  | { kind: "other"; line: number; name: string }
  | { kind: "end"; activities: number; bytes: number; sha256: string };

export type ReadOptions = {
  /** Validate each activity against the schema of the file's version (default true). */
  validate?: boolean;
  maxActivityChars?: number;
  /** Bytes of the file read so far, and its size when known. */
  onProgress?: (read: number, total: number | null) => void;
};

/**
 * The activities of an IATI 2.01–2.03 activity file, in file order: first a header (the version), then each
 * activity, then the totals and the SHA-256 of the bytes read. Throws IatiFileError when the file is refused.
 */
export async function* readIatiActivities(source: IatiSource, options: ReadOptions = {}): AsyncGenerator<IatiReadEvent> {
  const input = openBytes(source, options.onProgress);
  const reader = new ActivityCutter(options);
  let activities = 0;
  try {
    for await (const text of decodeUtf8(decompressed(input.chunks))) {
      for (const event of reader.write(text)) {
        if (event.kind === "activity") activities++;
        yield event;
      }
    }
    yield* reader.close();
  } finally {
    input.close();
  }
  yield { kind: "end", activities, bytes: input.bytes(), sha256: input.sha256() };
}

type Capture = { start: number; line: number; root: IatiXmlElement; stack: (IatiXmlElement | null)[] };

/**
 * Drives saxes over the decoded text, keeping in memory only the activity being read: the text of the current
 * activity (from its "<" to its end tag) and its element tree. Positions are JavaScript string indices into the
 * concatenation of everything written, which is what saxes reports.
 */
class ActivityCutter {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly max: number;
  private readonly validate: boolean;
  private buf = "";
  private consumed = 0;
  private depth = 0;
  private sawContent = false;
  private version: IatiVersion | null = null;
  private rootNamespaces: Record<string, string> = {};
  private capture: Capture | null = null;
  private pendingStart: { start: number; line: number } | null = null;
  private lastBoundary = 0;
  private queue: IatiReadEvent[] = [];

  constructor(options: ReadOptions) {
    this.max = options.maxActivityChars ?? MAX_ACTIVITY_CHARS;
    this.validate = options.validate ?? true;
    const p = this.parser;
    p.on("xmldecl", (d) => {
      if (d.encoding !== undefined && !/^utf-?8$/i.test(d.encoding)) {
        throw new IatiFileError("encoding", `The file declares encoding="${d.encoding}": IATI files must be encoded in UTF-8`, p.line, p.column);
      }
    });
    p.on("doctype", () => {
      throw new IatiFileError(
        "doctype",
        `The file has a document type declaration (<!DOCTYPE …>, line ${p.line}): IATI files have none, and Passerelle never processes DTDs (entity expansion and external entity attacks)`,
        p.line,
        p.column,
      );
    });
    p.on("opentagstart", () => {
      // At this point saxes has read "<name" and one more character; the activity starts at that "<".
      this.lastBoundary = p.position;
      const before = this.buf.charCodeAt(p.position - this.consumed - 1);
      const line = before === 10 || before === 13 ? p.line - 1 : p.line;
      this.pendingStart = { start: this.consumed + this.buf.lastIndexOf("<", p.position - this.consumed - 1), line };
    });
    p.on("opentag", (tag) => this.openTag(tag));
    p.on("text", (t) => this.addText(t));
    p.on("cdata", (t) => this.addText(t));
    p.on("closetag", () => this.closeTag());
    p.on("comment", () => {
      this.lastBoundary = p.position;
    });
    p.on("processinginstruction", () => {
      this.lastBoundary = p.position;
    });
  }

  write(text: string): IatiReadEvent[] {
    for (let i = 0; i < text.length; i += SLICE_CHARS) {
      const slice = text.slice(i, i + SLICE_CHARS);
      if (!this.sawContent && /[^\s\uFEFF]/.test(slice)) this.sawContent = true;
      this.buf += slice;
      this.run(() => this.parser.write(slice));
      this.checkSize();
      this.trim();
    }
    return this.drain();
  }

  close(): IatiReadEvent[] {
    if (!this.sawContent) throw new IatiFileError("not_iati", "The file is empty: it is not an IATI activity file");
    this.run(() => this.parser.close());
    return this.drain();
  }

  private drain(): IatiReadEvent[] {
    const events = this.queue;
    this.queue = [];
    return events;
  }

  private run(write: () => void): void {
    try {
      write();
    } catch (e) {
      if (e instanceof IatiFileError) throw e;
      const m = /^(?:[^:]*:)?(\d+):(\d+): ([\s\S]*)$/.exec((e as Error).message);
      if (!m) throw e;
      throw new IatiFileError("malformed", `The file is not well-formed XML: line ${m[1]}, column ${m[2]}: ${m[3]}`, Number(m[1]), Number(m[2]));
    }
  }

  private checkSize(): void {
    const p = this.parser;
    if (this.capture && p.position - this.capture.start > this.max) {
      throw new IatiFileError(
        "too_large",
        `The activity starting at line ${this.capture.line} is larger than ${this.limitText()}, the limit for one activity (the file as a whole may be of any size)`,
        this.capture.line,
        0,
      );
    }
    if (!this.capture && p.position - this.lastBoundary > this.max) {
      throw new IatiFileError("too_large", `More than ${this.limitText()} of text outside any activity, before line ${p.line}`, p.line, 0);
    }
  }

  private limitText(): string {
    return this.max % (1024 * 1024) === 0 ? `${this.max / (1024 * 1024)} MiB` : `${this.max.toLocaleString("en")} characters`;
  }

  /** Outside an activity only an unfinished tag (from the last "<") is kept; inside, the activity from its start. */
  private trim(): void {
    const keepFrom = this.capture ? this.capture.start - this.consumed : Math.max(0, this.buf.lastIndexOf("<"));
    if (keepFrom > 0) {
      this.buf = this.buf.slice(keepFrom);
      this.consumed += keepFrom;
    } else if (!this.capture && this.buf.lastIndexOf("<") < 0) {
      this.consumed += this.buf.length;
      this.buf = "";
    }
  }

  private openTag(tag: SaxesTagNS): void {
    const p = this.parser;
    const started = this.pendingStart ?? { start: p.position, line: p.line };
    this.pendingStart = null;
    const depth = this.depth++;
    if (depth === 0) {
      this.openRoot(tag, started.line);
      return;
    }
    if (depth === 1) {
      if (tag.local === "iati-activity" && tag.uri === "") {
        const root = elementOf(tag, started.line);
        this.capture = { start: started.start, line: started.line, root, stack: [root] };
      } else if (tag.uri === "") {
        this.queue.push({ kind: "other", line: started.line, name: tag.name });
      }
      return;
    }
    const c = this.capture;
    if (!c) return;
    const parent = c.stack[c.stack.length - 1] ?? null;
    // Elements of other namespaces are extensions IATI allows; they (and what they hold) are not IATI data.
    const element = parent && tag.uri === "" ? elementOf(tag, started.line) : null;
    if (parent && element) parent.children.push(element);
    c.stack.push(element);
  }

  private openRoot(tag: SaxesTagNS, line: number): void {
    // Early IATI 1.x files (worked examples) hold a single <iati-activity> as the root, with no version.
    if (tag.local === "iati-activity" && tag.uri === "") {
      throw new IatiFileError(
        "legacy_version",
        `IATI 1.x files are not supported: convert the file to 2.03 (its root element is a single <iati-activity>, line ${line}; an IATI 2.0x file has <iati-activities version="2.0x">)`,
        line,
        0,
      );
    }
    if (tag.local !== "iati-activities" || tag.uri !== "") {
      const name = tag.uri ? `{${tag.uri}}${tag.local}` : tag.local;
      throw new IatiFileError(
        "not_iati",
        `Not an IATI activity file: the root element is <${name}> (line ${line}); an IATI activity file has <iati-activities> in no namespace`,
        line,
        0,
      );
    }
    const version = tag.attributes.version?.uri === "" ? tag.attributes.version.value.trim() : undefined;
    if (version === undefined || version === "" || /^1(\.|$)/.test(version)) {
      throw new IatiFileError(
        "legacy_version",
        `IATI 1.x files are not supported: convert the file to 2.03 (the root element has ${version === undefined ? "no @version" : `version="${version}"`}, line ${line}; Passerelle reads IATI 2.01, 2.02 and 2.03)`,
        line,
        0,
      );
    }
    if (!isIatiVersion(version)) {
      throw new IatiFileError(
        "unsupported_version",
        `IATI version "${version}" is not supported (line ${line}): Passerelle reads IATI 2.01, 2.02 and 2.03 activity files`,
        line,
        0,
      );
    }
    this.version = version;
    this.rootNamespaces = { ...tag.ns };
    const generated = tag.attributes["generated-datetime"];
    this.queue.push({ kind: "header", version, generatedDatetime: generated && generated.uri === "" ? generated.value.trim() : null });
  }

  private addText(t: string): void {
    const c = this.capture;
    if (!c) return;
    const element = c.stack[c.stack.length - 1];
    if (element) element.text += t;
  }

  private closeTag(): void {
    const p = this.parser;
    this.lastBoundary = p.position;
    this.depth--;
    const c = this.capture;
    if (!c) return;
    c.stack.pop();
    if (c.stack.length > 0) return;
    this.capture = null;
    const xml = this.buf.slice(c.start - this.consumed, p.position - this.consumed);
    // A copy, not a slice: V8 keeps the whole chunk a slice was cut from alive, and identifiers outlive the chunk.
    const identifier = Buffer.from(c.root.children.find((e) => e.name === "iati-identifier")?.text.trim() ?? "").toString();
    const issues = this.validate && this.version ? this.validateActivity(xml, c) : [];
    this.queue.push({ kind: "activity", line: c.line, endLine: p.line, identifier, element: c.root, issues });
  }

  /** The activity on its own, with the namespace prefixes the root declared, validated with the file's line numbers. */
  private validateActivity(xml: string, c: Capture): SchemaIssue[] {
    const own = /^<iati-activity\b[^>]*>/.exec(xml)?.[0] ?? "";
    const declarations = Object.entries(this.rootNamespaces)
      .filter(([prefix]) => prefix !== "" && !new RegExp(`\\sxmlns:${prefix}\\s*=`).test(own))
      .map(([prefix, uri]) => ` xmlns:${prefix}="${escapeAttribute(uri)}"`)
      .join("");
    const text = declarations ? `<iati-activity${declarations}${xml.slice("<iati-activity".length)}` : xml;
    return validateXmlText(iatiValidator("activities", this.version as IatiVersion), text, { lineOffset: c.line - 1 });
  }
}

function elementOf(tag: SaxesTagNS, line: number): IatiXmlElement {
  const attrs: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) {
    if (a.uri === "") attrs[a.local] = a.value;
    else if (a.prefix === "xml") attrs[`xml:${a.local}`] = a.value;
  }
  return { name: tag.local, attrs, children: [], text: "", line };
}

function escapeAttribute(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}
