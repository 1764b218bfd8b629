import fs from "node:fs";
import path from "node:path";
import { ParseOption, XmlDocument, type XmlElement, XmlLibError, XsdValidator, xmlCleanupInputProvider, xmlRegisterInputProvider } from "libxml2-wasm";
import { DEFAULT_RESOURCES_DIR } from "./resources-path.js";

// Validation against the official IATI XML schemas (shipped in resources/iati/schemas, CC BY 4.0), with libxml2
// compiled to WebAssembly: no native build, no network. The schemas include each other (iati-common.xsd, xml.xsd)
// by relative path, so while a schema compiles libxml2 may read files from its own folder and nothing else; the
// reader is removed as soon as the schema is compiled, so no document can ever make libxml2 open a file.

export const IATI_VERSIONS = ["2.01", "2.02", "2.03"] as const;
export type IatiVersion = (typeof IATI_VERSIONS)[number];
export type IatiFileKind = "activities" | "organisations";

/** One schema problem, with the line in the document it was found on (1-based; 0 when libxml2 gives none). */
export type SchemaIssue = { line: number; column: number; message: string };

// Never NOENT (entity substitution) nor DTDLOAD: external entities are not read; NONET and NO_XXE make sure.
// BIG_LINES: without it libxml2 reports every line after 65,535 as 65,535.
const SAFE_PARSE = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_BIG_LINES;

export function isIatiVersion(v: string | null | undefined): v is IatiVersion {
  return (IATI_VERSIONS as readonly string[]).includes(v ?? "");
}

/** The schema file of a kind and version: 2.03 at the top of the folder, older ones under other-versions/. */
export function iatiSchemaFile(kind: IatiFileKind, version: IatiVersion, resourcesDir = DEFAULT_RESOURCES_DIR): string {
  const dir = path.join(resourcesDir, "iati", "schemas", version === "2.03" ? "" : path.join("other-versions", version));
  return path.join(dir, `iati-${kind}-schema.xsd`);
}

const compiled = new Map<string, XsdValidator>();

/** The compiled validator of a schema, compiled once per process (≈ 60–80 ms) and kept. */
export function iatiValidator(kind: IatiFileKind, version: IatiVersion, resourcesDir = DEFAULT_RESOURCES_DIR): XsdValidator {
  const file = path.resolve(iatiSchemaFile(kind, version, resourcesDir));
  const known = compiled.get(file);
  if (known) return known;
  if (!fs.existsSync(file)) throw new Error(`The IATI ${version} ${kind} schema is missing (${file}): run \`npm run resources\``);
  const validator = compileSchema(file);
  compiled.set(file, validator);
  return validator;
}

function compileSchema(file: string): XsdValidator {
  const folder = path.dirname(file) + path.sep;
  const toPath = (name: string) => (name.startsWith("file://") ? new URL(name).pathname : path.resolve(name));
  const open = new Map<number, { buf: Buffer; pos: number }>();
  let next = 1;
  xmlRegisterInputProvider({
    match: (name) => toPath(name).startsWith(folder),
    open: (name) => {
      try {
        const fd = next++;
        open.set(fd, { buf: fs.readFileSync(toPath(name)), pos: 0 });
        return fd;
      } catch {
        return undefined;
      }
    },
    read: (fd, out) => {
      const s = open.get(fd);
      if (!s) return -1;
      const n = Math.min(out.byteLength, s.buf.length - s.pos);
      out.set(s.buf.subarray(s.pos, s.pos + n));
      s.pos += n;
      return n;
    },
    close: (fd) => open.delete(fd),
  });
  try {
    const xsd = XmlDocument.fromBuffer(fs.readFileSync(file), { url: file });
    try {
      return XsdValidator.fromDoc(xsd);
    } finally {
      xsd.dispose();
    }
  } finally {
    xmlCleanupInputProvider();
  }
}

function issuesOf(e: unknown, lineOffset: number): SchemaIssue[] {
  if (!(e instanceof XmlLibError)) throw e;
  const details = e.details.length ? e.details : [{ line: 0, col: 0, message: e.message }];
  return details.map((d) => ({ line: d.line > 0 ? d.line + lineOffset : 0, column: d.col ?? 0, message: d.message.trim() }));
}

/**
 * Parses an XML text (a whole small file, or one activity cut out of a large one) and validates it, or each of the
 * elements `select` picks from it, against the schema. `lineOffset` turns the fragment's lines into the file's.
 * A document type declaration is refused: IATI files have none, and no DTD is ever processed (entity attacks).
 */
export function validateXmlText(
  validator: XsdValidator,
  xml: string,
  options: { lineOffset?: number; select?: (doc: XmlDocument) => XmlElement[] } = {},
): SchemaIssue[] {
  const lineOffset = options.lineOffset ?? 0;
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { option: SAFE_PARSE });
  } catch (e) {
    return issuesOf(e, lineOffset);
  }
  try {
    if (doc.dtd !== null) return [{ line: 1 + lineOffset, column: 0, message: "A document type declaration (DOCTYPE) is not allowed in an IATI file" }];
    const issues: SchemaIssue[] = [];
    const check = (validate: () => void) => {
      try {
        validate();
      } catch (e) {
        issues.push(...issuesOf(e, lineOffset));
      }
    };
    if (options.select) for (const element of options.select(doc)) check(() => validator.validate(element));
    else check(() => validator.validate(doc));
    return issues;
  } finally {
    doc.dispose();
  }
}
