import { createHash } from "node:crypto";
import { normalizeName } from "../reference/names.js";
import type { Position, SourceTheme } from "./recommendation-schemas.js";

/**
 * The position code for a source's own word. Older UPR documents and UPR Info say "Accepted" where current
 * ones say "supported" (REQUIREMENTS §5.3): both map to supported, the word itself is kept beside the code.
 * Anything not clearly one of the known positions is "unclear": never coerced to supported or noted (R15).
 */
export function classifyPosition(word: string | null): Position {
  if (word === null || word.trim() === "") return "pending";
  const w = normalizeName(word);
  if (/^(supported|accepted|accepte|acceptee|soutenue?|aceptada|apoyada)$/.test(w)) return "supported";
  if (/^(noted|rejected|not supported|pris note|notee?|tomada nota|anotada)$/.test(w)) return "noted";
  if (/^partial(ly)? (supported|accepted)$|^partially$/.test(w)) return "partially_supported";
  if (/^pending|^awaiting|^no response/.test(w)) return "pending";
  return "unclear";
}

/** Legacy UHRI codes are level 2 (A1, D5) or level 3 (A12, D51: the level-2 code plus one digit). */
export function uhriLevel2Code(code: string): string | null {
  const m = /^([A-H])(\d)\d?$/.exec(code.trim().toUpperCase());
  return m ? `${m[1]}${m[2]}` : null;
}

export type ThemeMappings = {
  uprInfoIssues: Map<string, string[]>;
  /** Newer UHRI theme labels (without code) → legacy level-2 code, keyed by normalized label. */
  uhriLabels: Map<string, string>;
  /** Group-of-persons labels that differ from the taxonomy's own → code, keyed by normalized label. */
  personLabels: Map<string, string>;
};

/** The UHRI level-2 themes of one recommendation, from the source's themes and its UPR Info issues. */
export function deriveThemeCodes(themes: SourceTheme[], uprInfoIssues: string[], mappings: ThemeMappings): { codes: string[]; unmapped: string[] } {
  const codes = new Set<string>();
  const unmapped: string[] = [];
  for (const t of themes) {
    const code = t.code ? uhriLevel2Code(t.code) : (mappings.uhriLabels.get(normalizeName(t.label)) ?? null);
    if (code) codes.add(code);
    else unmapped.push(t.code ? `${t.code} ${t.label}` : t.label);
  }
  for (const issue of uprInfoIssues) {
    const mapped = mappings.uprInfoIssues.get(issue);
    if (mapped === undefined) unmapped.push(issue);
    else for (const c of mapped) codes.add(c);
  }
  return { codes: [...codes].sort(), unmapped };
}

/** Codes of the UHRI "affected persons" list for labels as sources spell them (case, "&", plural variants). */
export function derivePersonCodes(labels: string[], taxonomy: Map<string, string>, mappings: ThemeMappings): { codes: string[]; unmapped: string[] } {
  const codes = new Set<string>();
  const unmapped: string[] = [];
  for (const label of labels) {
    const key = normalizeName(label);
    const code = mappings.personLabels.get(key) ?? taxonomy.get(key);
    if (code) codes.add(code);
    else unmapped.push(label);
  }
  return { codes: [...codes].sort(), unmapped };
}

/** A stable digest of what was imported: a re-import of an unchanged row writes nothing. */
export function contentHashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);
}

/** UPR cycles by Working Group session (cycle 1: sessions 1–12, 2: 13–26, 3: 27–40, 4: 41–54). */
export function cycleOfSession(session: number): number {
  if (session <= 12) return 1;
  if (session <= 26) return 2;
  if (session <= 40) return 3;
  return 4;
}
