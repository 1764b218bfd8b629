import type { IatiXmlElement } from "./iati-activity-reader.js";
import { fromCents, isoDate, MAX_CENTS, toCents } from "./iati-values.js";

// What reading any part of an activity needs: its language (to pick narratives), and where to put the codes read
// (checked later against the codelists), the problems (the activity is then skipped) and the notes (what was left
// out of an activity imported anyway), each with its file line.

/** A code read from the file: which codelist it must belong to (a taxonomy id or a Passerelle vocabulary). */
export type IatiCodeUse = { codelist: string; code: string; line: number; what: string };
export type IatiLineProblem = { line: number; message: string };

export const kids = (e: IatiXmlElement, name: string) => e.children.filter((c) => c.name === name);
export const kid = (e: IatiXmlElement, name: string) => e.children.find((c) => c.name === name);
export const attr = (e: IatiXmlElement | undefined, name: string): string | null => {
  const v = e?.attrs[name]?.trim();
  return v === undefined || v === "" ? null : v;
};

export class ElementReader {
  readonly codes: IatiCodeUse[] = [];
  readonly problems: IatiLineProblem[] = [];
  readonly notes: string[] = [];

  constructor(readonly lang: string) {}

  code(codelist: string, code: string | null, line: number, what: string): void {
    if (code !== null) this.codes.push({ codelist, code, line, what });
  }

  problem(line: number, message: string): void {
    this.problems.push({ line, message });
  }

  /** The narrative in the activity's language, else the one with no language (the default), else the first. */
  narrative(e: IatiXmlElement | undefined): string {
    if (!e) return "";
    const narratives = kids(e, "narrative");
    const pick =
      narratives.find((n) => (attr(n, "xml:lang") ?? "").toLowerCase() === this.lang) ?? narratives.find((n) => attr(n, "xml:lang") === null) ?? narratives[0];
    return pick?.text.trim() ?? "";
  }

  date(e: IatiXmlElement | undefined, name: string): string | null {
    const v = attr(e, name);
    if (v === null || !e) return null;
    const d = isoDate(v);
    if (!d) this.problem(e.line, `${e.name}/@${name} "${v}" is not a date`);
    return d;
  }

  decimal(e: IatiXmlElement, name: string): string | null {
    const raw = attr(e, name);
    if (raw === null) return null;
    const cents = toCents(raw);
    if (cents === null || cents >= MAX_CENTS || -cents >= MAX_CENTS) {
      this.problem(e.line, `${e.name}/@${name} "${raw}" is not a number Passerelle can record`);
      return null;
    }
    return fromCents(cents);
  }
}
