import { AppError } from "../domain/core/app-error.js";
import type { LocalizedText, TaxonomyInput, TermInput } from "../domain/reference/reference-schemas.js";

// IATI codelist XML files (iatistandard.org, CC BY 4.0) are small and regular: <codelist> > <metadata> and
// <codelist-items> > <codelist-item status=… activation-date=… withdrawal-date=…> with <code>, <name>,
// <description> (each a list of <narrative xml:lang=…>), <category> and <url>. A few regular expressions
// read them without an XML dependency; entities, CDATA and comments are handled.

export type IatiCodelistItem = {
  code: string;
  status: string | null;
  activationDate: string | null;
  withdrawalDate: string | null;
  names: LocalizedText;
  descriptions: LocalizedText;
  category: string | null;
  url: string | null;
};

export type IatiCodelist = {
  name: string;
  title: LocalizedText;
  description: LocalizedText;
  category: string | null;
  url: string | null;
  version: string | null;
  complete: boolean;
  embedded: boolean;
  categoryCodelist: string | null;
  items: IatiCodelistItem[];
};

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXmlText(raw: string): string {
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
  const parts: string[] = [];
  let last = 0;
  for (let m = cdata.exec(raw); m; m = cdata.exec(raw)) {
    parts.push(decodeEntities(raw.slice(last, m.index)), m[1] as string);
    last = m.index + m[0].length;
  }
  parts.push(decodeEntities(raw.slice(last)));
  // Narratives are indented across lines in the files: one space between words is the text.
  return parts.join("").replace(/\s+/g, " ").trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function readAttributes(tagAttributes: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tagAttributes.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1] as string] = decodeEntities(m[2] ?? m[3] ?? "");
  }
  return attrs;
}

/** The inner XML of the first <tag>…</tag> directly in `xml` (the files never nest a tag in itself). */
function element(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? (m[1] as string) : null;
}

/** Narratives per language; a narrative without xml:lang is in the codelist's default language. */
function narratives(xml: string | null, defaultLang: string): LocalizedText {
  const texts: LocalizedText = {};
  if (xml === null) return texts;
  for (const m of xml.matchAll(/<narrative\b([^>]*?)(?:\/>|>([\s\S]*?)<\/narrative>)/g)) {
    const text = decodeXmlText(m[2] ?? "");
    if (text === "") continue;
    const lang = readAttributes(m[1] ?? "")["xml:lang"] ?? defaultLang;
    texts[lang] ??= text;
  }
  return texts;
}

/** An element that is either plain text (<category>111</category>) or narratives (metadata's <category>). */
function plainOrNarrative(xml: string | null, defaultLang: string): string | null {
  if (xml === null) return null;
  if (xml.includes("<narrative")) return narratives(xml, defaultLang)[defaultLang] ?? null;
  const text = decodeXmlText(xml);
  return text === "" ? null : text;
}

export function parseIatiCodelistXml(xml: string, file: string): IatiCodelist {
  const source = xml.replace(/<!--[\s\S]*?-->/g, "");
  const root = /<codelist\b([^>]*)>/.exec(source);
  if (!root) throw new AppError("invalid_input", `${file}: not an IATI codelist (no <codelist> element)`);
  const attrs = readAttributes(root[1] as string);
  const name = attrs.name;
  if (!name) throw new AppError("invalid_input", `${file}: the <codelist> element has no name attribute`);
  const lang = attrs["xml:lang"] ?? "en";
  const metadata = element(source, "metadata") ?? "";
  const items: IatiCodelistItem[] = [];
  for (const m of source.matchAll(/<codelist-item\b([^>]*)>([\s\S]*?)<\/codelist-item>/g)) {
    const itemAttrs = readAttributes(m[1] as string);
    const body = m[2] as string;
    const code = decodeXmlText(element(body, "code") ?? "");
    if (code === "") throw new AppError("invalid_input", `${file}: codelist item ${items.length + 1} has no <code>`);
    items.push({
      code,
      status: itemAttrs.status ?? null,
      activationDate: itemAttrs["activation-date"] || null,
      withdrawalDate: itemAttrs["withdrawal-date"] || null,
      names: narratives(element(body, "name"), lang),
      descriptions: narratives(element(body, "description"), lang),
      category: plainOrNarrative(element(body, "category"), lang),
      url: plainOrNarrative(element(body, "url"), lang),
    });
  }
  return {
    name,
    title: narratives(element(metadata, "name"), lang),
    description: narratives(element(metadata, "description"), lang),
    category: plainOrNarrative(element(metadata, "category"), lang),
    url: plainOrNarrative(element(metadata, "url"), lang),
    version: plainOrNarrative(element(metadata, "version"), lang),
    complete: attrs.complete === "1",
    embedded: attrs.embedded === "1",
    categoryCodelist: attrs["category-codelist"] ?? null,
    items,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An IATI codelist as a Passerelle taxonomy 'iati:<Name>'. Withdrawn items are kept (activities published
 * with them stay valid for their period) with valid_to = the withdrawal date, or the dataset's date when
 * the file gives none.
 */
export function toIatiTaxonomy(list: IatiCodelist, meta: { datasetVersion: string; withdrawnFallback: string }): TaxonomyInput {
  const terms: TermInput[] = list.items.map((item, i) => {
    const attributes: Record<string, unknown> = {};
    if (item.category !== null) attributes.category = item.category;
    if (item.url !== null) attributes.url = item.url;
    if (item.status !== null) attributes.status = item.status;
    const withdrawn = item.status === "withdrawn";
    const labels = Object.keys(item.names).length > 0 ? item.names : { en: item.code };
    return {
      code: item.code,
      parentCode: null,
      sortKey: i + 1,
      labels,
      descriptions: item.descriptions,
      attributes,
      validFrom: item.activationDate && ISO_DATE.test(item.activationDate) ? item.activationDate : null,
      validTo: withdrawn ? (item.withdrawalDate && ISO_DATE.test(item.withdrawalDate) ? item.withdrawalDate : meta.withdrawnFallback) : null,
    };
  });
  const title = list.title.en ?? list.name;
  const kind = list.category ? ` (${list.category})` : "";
  return {
    id: `iati:${list.name}`,
    title: `IATI ${title}`,
    version: list.version ?? meta.datasetVersion,
    source: `IATI Standard codelist ${list.name}${kind}, iatistandard.org${list.url ? `; replicated from ${list.url}` : ""}`,
    licence: "CC BY 4.0 (IATI)",
    parentTaxonomyId: null,
    terms,
  };
}
